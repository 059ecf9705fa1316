package com.example.kvm;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/** A test_age handler, configured by mistake as the age handler (run 2). */
public class X86TestAgeHandler implements TestAgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return false;
  }
}
