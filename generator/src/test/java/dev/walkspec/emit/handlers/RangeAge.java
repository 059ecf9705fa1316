package dev.walkspec.emit.handlers;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.SlotRmap;

/**
 * A correct age handler for tests: ages every valid TDP root's range under RCU (H3), then the
 * shadow MMU's entries of every block meeting the range through the reverse maps, where the VM has
 * shadow pages.
 */
public final class RangeAge implements AgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    boolean young = false;
    kvm.rcu().readLock();
    try {
      for (Root root : mmu.rcuValidRoots()) {
        young |= root.ageRange(range.start(), range.end());
      }
    } finally {
      kvm.rcu().readUnlock();
    }
    return mmu.hasRmaps() ? young | shadow(kvm.codec(), mmu.rmap(range.slot()), range) : young;
  }

  private static boolean shadow(EntryCodec codec, SlotRmap rmap, GfnRange range) {
    boolean young = false;
    for (int level = 1; level <= rmap.maxLevel(); level++) {
      for (long gfn = range.start();
          gfn < range.end();
          gfn = Pages.alignDown(gfn, level) + Pages.pagesAt(level)) {
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            long old = spte.load();
            if (codec.present(old) && codec.accessed(old)) {
              spte.fetchAnd(~codec.accessedMask());
              young = true;
            }
          }
        }
      }
    }
    return young;
  }
}
