package com.example.kvm;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** x86 age, right: both passes over the whole range. */
public class X86AgeHandler implements AgeHandler {
  public X86AgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean young = Passes.ageTdp(kvm, range, range.end());
    return young | Passes.ageShadow(kvm, range, Integer.MAX_VALUE);
  }
}
