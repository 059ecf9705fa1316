package dev.walkspec.arch.arm64;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/**
 * arm64 age (C3, C4): locked aging over the whole range, block mappings cut by either end of the
 * range included (H9); true iff a leaf was young (H11).
 */
public class Arm64AgeHandler extends Stage2Aging implements AgeHandler {
  public Arm64AgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return testClearYoung(kvm, range, true);
  }
}
