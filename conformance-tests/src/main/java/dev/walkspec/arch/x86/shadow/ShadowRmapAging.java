package dev.walkspec.arch.x86.shadow;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.SlotRmap;

/**
 * The shadow MMU aging walk that age and test_age share: for every level and every reverse-map head
 * whose block meets the range, take the head's bit lock in read-only mode and look at the entries
 * it lists. No MMU lock (H1). The bit lock keeps the chain from changing under the reader and keeps
 * every listed entry's table alive (an entry leaves the chain, under that lock, before its table
 * can be freed), so no RCU section is needed; the reader never changes the chain (H7). Entries may
 * still turn non-present through a concurrent zap and are then skipped (H6).
 */
public abstract class ShadowRmapAging {
  private final boolean adEnabled;

  /**
   * @param adEnabled whether the entries use hardware Accessed/Dirty bits; if not, aging marks them
   *     for access tracking with a single compare-and-swap instead
   */
  protected ShadowRmapAging(boolean adEnabled) {
    this.adEnabled = adEnabled;
  }

  public final boolean adEnabled() {
    return adEnabled;
  }

  /** Ages, or with {@code testOnly} only tests, every entry the slot's rmaps list for the range. */
  protected boolean walk(Kvm kvm, GfnRange range, boolean testOnly) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    if (!mmu.hasRmaps()) {
      // No shadow pages were ever created for this VM: nothing to look at.
      return false;
    }
    SlotRmap rmap = mmu.rmap(range.slot());
    EntryCodec codec = kvm.codec();
    boolean young = false;
    for (int level = 1; level <= rmap.maxLevel(); level++) {
      for (long gfn = range.start(); gfn < range.end(); gfn = nextHead(gfn, level)) {
        // H2: try-with-resources drops the head's bit lock on every path, the early return too.
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            long old = spte.load();
            if (!codec.present(old) || !codec.accessed(old)) {
              continue;
            }
            if (testOnly) {
              return true;
            }
            young = true;
            ageEntry(kvm, spte, old);
          }
        }
      }
    }
    return young;
  }

  /**
   * The next head to visit after the one holding {@code gfn} at {@code level}: the start of the
   * next block. Stepping from block boundaries, not from {@code range.start}, visits every block
   * that meets the range even when the range starts inside one block and ends in the next (H9).
   */
  protected long nextHead(long gfn, int level) {
    return Pages.alignDown(gfn, level) + Pages.pagesAt(level);
  }

  /**
   * Clears the accessed state of one young entry read as {@code old}: an atomic clear of the
   * Accessed bit with A/D bits, else one compare-and-swap to the access-tracked form whose failure
   * is tolerated, not retried, and still counted as young (H4, H11).
   */
  protected void ageEntry(Kvm kvm, EntryCursor spte, long old) {
    EntryCodec codec = kvm.codec();
    if (adEnabled) {
      spte.fetchAnd(~codec.accessedMask());
    } else {
      spte.compareAndSet(old, codec.clearAccessed(old));
    }
  }
}
