package com.example.kvm;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.UnmapHandler;

/** x86 unmap whose TDP MMU pass returns the last root's result only; the shadow pass is right. */
public class UnmapTdpPassBug implements UnmapHandler {
  public UnmapTdpPassBug() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return Passes.unmap(kvm, range, Integer.MAX_VALUE, false);
  }
}
