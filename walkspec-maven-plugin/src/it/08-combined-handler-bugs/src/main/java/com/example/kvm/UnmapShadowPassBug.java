package com.example.kvm;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.UnmapHandler;

/** x86 unmap whose shadow MMU pass zaps 4 KiB rmap heads only; the TDP pass is right. */
public class UnmapShadowPassBug implements UnmapHandler {
  public UnmapShadowPassBug() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return Passes.unmap(kvm, range, 1, true);
  }
}
