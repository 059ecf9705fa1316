package dev.walkspec.arch.x86.tdp;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * TDP MMU test_age (C5): the aging walk that only reads, stopping at the first young leaf (H11: no
 * side effects), lockless under RCU only like age.
 */
public class TdpTestAgeHandler extends TdpAging implements TestAgeHandler {
  public TdpTestAgeHandler() {
    super(true);
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, true);
  }
}
