package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnRange;

/** H8: unmap yields the MMU lock on long ranges even when may_block is false. */
public class TdpUnmapYieldsRegardless extends TdpUnmapHandler {
  public TdpUnmapYieldsRegardless() {}

  @Override
  protected boolean mayYield(GfnRange range) {
    return true;
  }
}
