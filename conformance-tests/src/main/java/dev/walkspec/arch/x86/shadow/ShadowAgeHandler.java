package dev.walkspec.arch.x86.shadow;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/**
 * Shadow MMU age (C3, C4) with A/D bits: walks the slot's reverse maps without the MMU lock,
 * holding each head's bit lock read-only, and clears Accessed atomically; true iff an entry in
 * range was young (H11).
 */
public class ShadowAgeHandler extends ShadowRmapAging implements AgeHandler {
  public ShadowAgeHandler() {
    super(true);
  }

  /** For the access-tracking flavour and for variants. */
  protected ShadowAgeHandler(boolean adEnabled) {
    super(adEnabled);
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, false);
  }
}
