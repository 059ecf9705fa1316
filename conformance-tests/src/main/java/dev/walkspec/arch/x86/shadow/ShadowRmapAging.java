package dev.walkspec.arch.x86.shadow;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.SlotRmap;
import java.util.Objects;

/**
 * The shadow MMU aging walk that age and test_age share, as the kernel has it (lockless rmap aging,
 * v6.15 to v7.0): for every level from 4 KiB up to the largest huge level, step the gfn from
 * range.start in increments of the level's page count ({@link RmapStride#FROM_START}), and for the
 * reverse-map head of each gfn take the head's bit lock in read-only mode and look at the entries
 * it lists. At a huge level that stride can miss the last block meeting the range, when start is
 * not aligned to the level ({@link RmapStride#FROM_START} says exactly when): the kernel's H9
 * finding, which {@code walkspec conform} expects of the x86 set; the what-if set {@code
 * X86AlignedStride} steps {@link RmapStride#BLOCK_ALIGNED} instead.
 *
 * <p>No MMU lock (H1). The bit lock keeps the chain from changing under the reader and keeps every
 * listed entry's table alive (an entry leaves the chain, under that lock, before its table can be
 * freed), so no RCU section is needed; the reader never changes the chain (H7). Entries may still
 * turn non-present through a concurrent zap and are then skipped (H6).
 */
public abstract class ShadowRmapAging {
  private final boolean adEnabled;
  private final RmapStride stride;

  /**
   * @param adEnabled whether the entries use hardware Accessed/Dirty bits; if not, aging marks them
   *     for access tracking with a single compare-and-swap instead
   * @param stride how the walk steps within a level: the kernel's from range.start, or the what-if
   *     fix's from block to block
   */
  protected ShadowRmapAging(boolean adEnabled, RmapStride stride) {
    this.adEnabled = adEnabled;
    this.stride = Objects.requireNonNull(stride, "stride");
  }

  public final boolean adEnabled() {
    return adEnabled;
  }

  public final RmapStride stride() {
    return stride;
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
      for (long gfn = range.start(); gfn < range.end(); gfn = stride.next(gfn, level)) {
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
