package com.example.kvm;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** x86 age whose shadow MMU pass looks at 4 KiB rmap heads only; the TDP pass is right. */
public class AgeShadowPassBug implements AgeHandler {
  public AgeShadowPassBug() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean young = Passes.ageTdp(kvm, range, range.end());
    return young | Passes.ageShadow(kvm, range, 1);
  }
}
