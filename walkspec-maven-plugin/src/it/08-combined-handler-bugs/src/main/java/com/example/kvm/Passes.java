package com.example.kvm;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.SlotRmap;

/**
 * The two passes of x86's handlers, the TDP MMU's and the shadow MMU's, each with a parameter that
 * one of the buggy handlers of this test gets wrong (the correct handlers pass the right value).
 */
final class Passes {
  private Passes() {}

  /** Ages the TDP roots' leaves meeting [range.start, end): end is range.end when right. */
  static boolean ageTdp(Kvm kvm, GfnRange range, long end) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    boolean young = false;
    kvm.rcu().readLock();
    try {
      for (Root root : mmu.rcuValidRoots()) {
        if (range.start() < end) {
          EntryCursor leaf = root.walk(range.start(), end);
          while (leaf.next()) {
            young |= age(kvm.codec(), leaf);
          }
        }
      }
    } finally {
      kvm.rcu().readUnlock();
    }
    return young;
  }

  /** Ages the shadow entries of levels 1 to maxLevel: the rmap's maxLevel() when right. */
  static boolean ageShadow(Kvm kvm, GfnRange range, int maxLevel) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    if (!mmu.hasRmaps()) {
      return false;
    }
    SlotRmap rmap = mmu.rmap(range.slot());
    boolean young = false;
    for (int level = 1; level <= Math.min(maxLevel, rmap.maxLevel()); level++) {
      for (long gfn = range.start(); gfn < range.end(); gfn = next(gfn, level)) {
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            young |= age(kvm.codec(), spte);
          }
        }
      }
    }
    return young;
  }

  /**
   * Zaps [from, to) in every TDP root; true iff a present leaf was removed, or (orResults false)
   * iff the last root had one.
   */
  static boolean zapTdp(Kvm kvm, GfnRange range, long from, long to, boolean orResults) {
    boolean zapped = false;
    for (Root root : kvm.mmu(range.slot().addressSpace()).roots()) {
      boolean here = root.zapRange(from, to);
      zapped = orResults ? zapped | here : here;
    }
    return zapped;
  }

  /** Zaps the shadow entries of [from, to) at levels 1 to maxLevel. */
  static boolean zapShadow(Kvm kvm, GfnRange range, long from, long to, int maxLevel) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    if (!mmu.hasRmaps()) {
      return false;
    }
    SlotRmap rmap = mmu.rmap(range.slot());
    boolean zapped = false;
    for (int level = 1; level <= Math.min(maxLevel, rmap.maxLevel()); level++) {
      for (long gfn = from; gfn < to; gfn = next(gfn, level)) {
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            zapped |= spte.zap();
          }
        }
      }
    }
    return zapped;
  }

  /** Pages per chunk of an unmap; the lock is offered between chunks when the call may block. */
  static final long CHUNK = 128;

  /** x86 unmap in chunks, shadow pass then TDP pass, offering the lock in between (H8, H14). */
  static boolean unmap(Kvm kvm, GfnRange range, int shadowLevels, boolean orTdpResults) {
    boolean removed = false;
    boolean unflushed = false;
    for (long from = range.start(); from < range.end(); from += CHUNK) {
      long to = Math.min(range.end(), from + CHUNK);
      boolean zapped = zapShadow(kvm, range, from, to, shadowLevels);
      zapped |= zapTdp(kvm, range, from, to, orTdpResults);
      removed |= zapped;
      unflushed |= zapped;
      if (range.mayBlock() && to < range.end()) {
        if (unflushed) {
          kvm.flushRemoteTlbs();
          unflushed = false;
        }
        kvm.condReschedMmuLock();
      }
    }
    return removed;
  }

  private static long next(long gfn, int level) {
    return Pages.alignDown(gfn, level) + Pages.pagesAt(level);
  }

  private static boolean age(EntryCodec codec, EntryCursor entry) {
    long old = entry.load();
    if (!codec.present(old) || !codec.accessed(old)) {
      return false;
    }
    entry.fetchAnd(~codec.accessedMask());
    return true;
  }
}
