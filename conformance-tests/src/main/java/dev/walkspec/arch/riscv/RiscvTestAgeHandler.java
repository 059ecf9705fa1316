package dev.walkspec.arch.riscv;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * riscv test_age (C5): tests only the leaf holding {@code range.start}, warning like age does. C5
 * always passes one page, so for the notifier this is the whole range.
 */
public class RiscvTestAgeHandler extends GstageLeafAtStart implements TestAgeHandler {
  public RiscvTestAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return leafAtStart(kvm, range, false);
  }
}
