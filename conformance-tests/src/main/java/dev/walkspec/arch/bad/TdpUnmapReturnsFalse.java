package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.X86UnmapHandler;
import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** H11/H12: its TDP MMU pass zaps but returns false, so the walk never flushes. */
public class TdpUnmapReturnsFalse extends X86UnmapHandler {
  public TdpUnmapReturnsFalse() {
    super(new ShadowUnmapHandler(), new Pass());
  }

  /** The TDP MMU's unmap pass, edited. */
  static final class Pass extends TdpUnmapHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      super.handle(kvm, range);
      return false;
    }
  }
}
