package dev.walkspec.runtime.testing;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;

/** Shorthands for building slots in tests. */
public final class Slots {
  private Slots() {}

  /** A slot of {@code npages} at {@code baseGfn}, backed from {@code hvaPage * 4096}. */
  public static MemSlot slot(int as, int id, long baseGfn, long npages, long hvaPage) {
    return new MemSlot(as, id, baseGfn, npages, hvaPage << Pages.SHIFT, 0);
  }
}
