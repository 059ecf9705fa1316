package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnRange;

/** H14: unmap never gives up the MMU lock, not even to a waiting task when it may block. */
public class TdpUnmapNeverYields extends TdpUnmapHandler {
  public TdpUnmapNeverYields() {}

  @Override
  protected boolean mayYield(GfnRange range) {
    return false;
  }
}
