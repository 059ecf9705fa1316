package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** H11/H12: unmap zaps but returns false, so the walk never flushes TLBs. */
public class TdpUnmapReturnsFalse extends TdpUnmapHandler {
  public TdpUnmapReturnsFalse() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    super.handle(kvm, range);
    return false;
  }
}
