package dev.walkspec.arch.x86.shadow;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * Shadow MMU unmap (C1): under the MMU lock held for write, zaps every entry that the slot's
 * reverse maps list for a block meeting the range, at every level, whatever root the entry lives in
 * (H9, H12). Returns true iff it removed a present mapping (H11).
 */
public class ShadowUnmapHandler implements UnmapHandler {
  /** Reverse-map heads handled between two chances to yield when the caller allows blocking. */
  public static final int YIELD_EVERY = 32;

  public ShadowUnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    // H1: relies on the lock; zapping and unlinking chain entries need it exclusively (H7).
    kvm.mmuLock().assertHeldWrite("H1", "the shadow MMU unmap handler");
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    if (!mmu.hasRmaps()) {
      return false;
    }
    SlotRmap rmap = mmu.rmap(range.slot());
    boolean removed = false;
    boolean unflushed = false;
    int budget = YIELD_EVERY;
    for (int level = 1; level <= rmap.maxLevel(); level++) {
      for (long gfn = range.start();
          gfn < range.end();
          gfn = Pages.alignDown(gfn, level) + Pages.pagesAt(level)) {
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            if (spte.zap()) {
              removed = true;
              unflushed = true;
            }
          }
        }
        // H8: yield only when the caller may block, between heads (no bit lock held), after
        // flushing what was zapped so that a waiter never sees a zapped entry still in a TLB.
        if (range.mayBlock() && --budget == 0) {
          budget = YIELD_EVERY;
          if (unflushed) {
            kvm.flushRemoteTlbs();
            unflushed = false;
          }
          kvm.condReschedMmuLock();
        }
      }
    }
    return removed;
  }
}
