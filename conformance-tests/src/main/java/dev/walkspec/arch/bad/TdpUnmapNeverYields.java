package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.X86UnmapHandler;
import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnRange;

/** H14: its TDP MMU pass never offers the lock to a waiter, even when it may block. */
public class TdpUnmapNeverYields extends X86UnmapHandler {
  public TdpUnmapNeverYields() {
    super(new ShadowUnmapHandler(), new Pass());
  }

  /** The TDP MMU's unmap pass, edited. */
  static final class Pass extends TdpUnmapHandler {
    @Override
    protected boolean mayYield(GfnRange range) {
      return false;
    }
  }
}
