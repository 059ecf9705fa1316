package dev.walkspec.arch.s390;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * s390 test_age (C5): under the MMU lock taken for read inside the lockless walk (H1), true at the
 * first young leaf meeting the range; changes nothing (H11).
 */
public class S390TestAgeHandler extends DatAging implements TestAgeHandler {
  public S390TestAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, false);
  }
}
