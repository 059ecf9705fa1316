package dev.walkspec.arch.bad;

import dev.walkspec.arch.arm64.Arm64UnmapHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/** H9: nested stage-2 tables are unmapped over the range's gfns only, as if indexed by them. */
public class Arm64UnmapClipsNested extends Arm64UnmapHandler {
  public Arm64UnmapClipsNested() {}

  @Override
  protected void unmapNestedTable(Kvm kvm, GfnRange range, Root table) {
    unmapInChunks(kvm, range, table, range.start(), range.end());
  }
}
