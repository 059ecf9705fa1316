package dev.walkspec.arch.arm64;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/** arm64 test_age (C5): the locked stage-2 walk without clearing anything (H11). */
public class Arm64TestAgeHandler extends Stage2Aging implements TestAgeHandler {
  public Arm64TestAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return testClearYoung(kvm, range, false);
  }
}
