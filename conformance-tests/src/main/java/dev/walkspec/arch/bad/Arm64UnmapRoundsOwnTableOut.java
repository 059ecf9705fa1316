package dev.walkspec.arch.bad;

import dev.walkspec.arch.arm64.Arm64UnmapHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;

/** H10: the VM's own stage 2 is unmapped over the range rounded out to whole 2 MiB blocks. */
public class Arm64UnmapRoundsOwnTableOut extends Arm64UnmapHandler {
  public Arm64UnmapRoundsOwnTableOut() {}

  @Override
  protected void unmapOwnTable(Kvm kvm, GfnRange range, Root table) {
    long from = Pages.alignDown(range.start(), 2);
    long to = Pages.alignDown(range.end() - 1, 2) + Pages.pagesAt(2);
    unmapInChunks(kvm, range, table, from, to);
  }
}
