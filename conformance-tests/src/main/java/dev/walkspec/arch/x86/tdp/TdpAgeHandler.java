package dev.walkspec.arch.x86.tdp;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/**
 * TDP MMU age (C3, C4) on hardware with Accessed/Dirty bits: lockless, under RCU only, clearing
 * Accessed with an atomic fetch-and; true iff a leaf in range was young (H11).
 */
public class TdpAgeHandler extends TdpAging implements AgeHandler {
  public TdpAgeHandler() {
    super(true);
  }

  /** For the access-tracking flavour and for variants. */
  protected TdpAgeHandler(boolean adEnabled) {
    super(adEnabled);
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, false);
  }
}
