package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/** H3: after a yield, unmap walks on in its root, which may have been freed meanwhile. */
public class TdpUnmapWalksFreedRoot extends TdpUnmapHandler {
  public TdpUnmapWalksFreedRoot() {}

  @Override
  protected boolean stillListed(Kvm kvm, Root root) {
    return true;
  }
}
