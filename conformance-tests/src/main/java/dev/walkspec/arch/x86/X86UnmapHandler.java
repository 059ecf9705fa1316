package dev.walkspec.arch.x86;

import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * x86 unmap (C1): the shadow MMU's reverse maps first, then the TDP MMU's roots (valid and
 * invalid), both under the write lock; true iff either removed a present mapping (H11, H12).
 */
public class X86UnmapHandler implements UnmapHandler {
  private final ShadowUnmapHandler shadow = new ShadowUnmapHandler();
  private final TdpUnmapHandler tdp = new TdpUnmapHandler();

  public X86UnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean flush = shadow.handle(kvm, range);
    flush |= tdp.handle(kvm, range);
    return flush;
  }
}
