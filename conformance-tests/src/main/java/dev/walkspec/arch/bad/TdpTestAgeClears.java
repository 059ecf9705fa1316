package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpTestAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** H11: test_age runs the aging walk, clearing the Accessed bits it should only read. */
public class TdpTestAgeClears extends TdpTestAgeHandler {
  public TdpTestAgeClears() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, false);
  }
}
