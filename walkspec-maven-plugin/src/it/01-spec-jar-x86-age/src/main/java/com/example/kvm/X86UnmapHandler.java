package com.example.kvm;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * x86 unmap (invalidate_range_start): under the MMU lock held for write (H1), zaps every mapping of
 * the range in every TDP root, invalid ones included, and every shadow entry the reverse maps list
 * (H9, H12); true iff a present mapping was removed, so the walk flushes (H11). It works in chunks
 * and, when the caller may block, offers the lock between them (H8, H14), flushing first what it
 * zapped (H12) and listing the roots afresh after each yield, since one may have been freed (H3).
 */
public class X86UnmapHandler implements UnmapHandler {
  /** Pages per chunk: at most this many 4 KiB entries per root are zapped between two yields. */
  static final long CHUNK = 128;

  public X86UnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    boolean removed = false;
    boolean unflushed = false;
    for (long from = range.start(); from < range.end(); from += CHUNK) {
      long to = Math.min(range.end(), from + CHUNK);
      boolean zapped = false;
      for (Root root : mmu.roots()) {
        zapped |= root.zapRange(from, to);
      }
      if (mmu.hasRmaps()) {
        zapped |= zapShadowEntries(mmu.rmap(range.slot()), from, to);
      }
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

  private static boolean zapShadowEntries(SlotRmap rmap, long from, long to) {
    boolean zapped = false;
    for (int level = 1; level <= rmap.maxLevel(); level++) {
      for (long gfn = from; gfn < to; gfn = Pages.alignDown(gfn, level) + Pages.pagesAt(level)) {
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            zapped |= spte.zap();
          }
        }
      }
    }
    return zapped;
  }
}
