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
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * x86 test_age (test_young): lockless (H1), the TDP MMU's roots inside an RCU read section (H3),
 * then the shadow MMU's entries through the reverse maps; true as soon as one entry meeting the
 * range is young, changing nothing (H11).
 */
public class X86TestAgeHandler implements TestAgeHandler {
  public X86TestAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    if (youngInTdpRoots(kvm, mmu, range)) {
      return true;
    }
    return mmu.hasRmaps() && youngInShadowEntries(kvm.codec(), mmu.rmap(range.slot()), range);
  }

  private static boolean youngInTdpRoots(Kvm kvm, PageTables mmu, GfnRange range) {
    kvm.rcu().readLock();
    try {
      for (Root root : mmu.rcuValidRoots()) {
        EntryCursor leaf = root.walk(range.start(), range.end());
        while (leaf.next()) {
          if (young(kvm.codec(), leaf.load())) {
            return true;
          }
        }
      }
      return false;
    } finally {
      kvm.rcu().readUnlock();
    }
  }

  private static boolean youngInShadowEntries(EntryCodec codec, SlotRmap rmap, GfnRange range) {
    for (int level = 1; level <= rmap.maxLevel(); level++) {
      for (long gfn = range.start();
          gfn < range.end();
          gfn = Pages.alignDown(gfn, level) + Pages.pagesAt(level)) {
        // try-with-resources releases the head's bit lock on the early return too (H2).
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            if (young(codec, spte.load())) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static boolean young(EntryCodec codec, long entry) {
    return codec.present(entry) && codec.accessed(entry);
  }
}
