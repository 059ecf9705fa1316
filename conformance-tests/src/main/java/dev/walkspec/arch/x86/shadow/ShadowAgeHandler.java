package dev.walkspec.arch.x86.shadow;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/**
 * Shadow MMU age (C3, C4) with A/D bits, as the kernel has it: walks the slot's reverse maps
 * without the MMU lock, stepping from range.start (which can miss a huge block at the range's end:
 * H9, see {@link RmapStride#FROM_START}), holding each head's bit lock read-only, and clears
 * Accessed atomically; true iff an entry it visited was young (H11).
 */
public class ShadowAgeHandler extends ShadowRmapAging implements AgeHandler {
  public ShadowAgeHandler() {
    this(true, RmapStride.FROM_START);
  }

  /** For the access-tracking flavour, the what-if stride and variants. */
  protected ShadowAgeHandler(boolean adEnabled, RmapStride stride) {
    super(adEnabled, stride);
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, false);
  }
}
