package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.X86UnmapHandler;
import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnRange;

/** H8: its TDP MMU pass yields the lock even when may_block is false. */
public class TdpUnmapYieldsRegardless extends X86UnmapHandler {
  public TdpUnmapYieldsRegardless() {
    super(new ShadowUnmapHandler(), new Pass());
  }

  /** The TDP MMU's unmap pass, edited. */
  static final class Pass extends TdpUnmapHandler {
    @Override
    protected boolean mayYield(GfnRange range) {
      return true;
    }
  }
}
