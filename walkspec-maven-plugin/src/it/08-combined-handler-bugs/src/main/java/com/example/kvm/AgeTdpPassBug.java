package com.example.kvm;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** x86 age whose TDP MMU pass stops one page short of range.end; the shadow pass is right. */
public class AgeTdpPassBug implements AgeHandler {
  public AgeTdpPassBug() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean young = Passes.ageTdp(kvm, range, range.end() - 1);
    return young | Passes.ageShadow(kvm, range, Integer.MAX_VALUE);
  }
}
