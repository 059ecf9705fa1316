package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.X86UnmapHandler;
import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/** H3: its TDP MMU pass walks on in a root that may have been freed while it yielded. */
public class TdpUnmapWalksFreedRoot extends X86UnmapHandler {
  public TdpUnmapWalksFreedRoot() {
    super(new ShadowUnmapHandler(), new Pass());
  }

  /** The TDP MMU's unmap pass, edited. */
  static final class Pass extends TdpUnmapHandler {
    @Override
    protected boolean stillListed(Kvm kvm, Root root) {
      return true;
    }
  }
}
