package dev.walkspec.arch.x86;

import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * x86 unmap (C1): the shadow MMU's pass over the reverse maps first, then the TDP MMU's over its
 * roots (valid and invalid), both under the write lock. Each MMU zaps its own entries, so both
 * always run; true iff either removed a present mapping (H11, H12).
 */
public class X86UnmapHandler implements UnmapHandler {
  private final UnmapHandler shadow;
  private final UnmapHandler tdp;

  public X86UnmapHandler() {
    this(new ShadowUnmapHandler(), new TdpUnmapHandler());
  }

  /** The combined handler over other passes (variants). */
  protected X86UnmapHandler(UnmapHandler shadow, UnmapHandler tdp) {
    this.shadow = shadow;
    this.tdp = tdp;
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean flush = shadow.handle(kvm, range);
    flush |= tdp.handle(kvm, range);
    return flush;
  }
}
