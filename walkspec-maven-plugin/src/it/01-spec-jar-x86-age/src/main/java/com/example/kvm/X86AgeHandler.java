package com.example.kvm;

import dev.walkspec.runtime.api.AgeHandler;
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
 * x86 age (clear_young, clear_flush_young): lockless, so no MMU lock (H1). The TDP MMU's roots are
 * listed and walked inside an RCU read section (H3); the shadow MMU's separate entries are found
 * through the slot's reverse maps, one head at a time under its bit lock. Every young entry meeting
 * the range loses its Accessed bit through one atomic fetch-and (H4, H9); true iff one was young
 * (H11).
 */
public class X86AgeHandler implements AgeHandler {
  public X86AgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    boolean young = ageTdpRoots(kvm, mmu, range);
    if (mmu.hasRmaps()) {
      young |= ageShadowEntries(kvm, mmu.rmap(range.slot()), range);
    }
    return young;
  }

  private static boolean ageTdpRoots(Kvm kvm, PageTables mmu, GfnRange range) {
    boolean young = false;
    kvm.rcu().readLock();
    try {
      for (Root root : mmu.rcuValidRoots()) {
        EntryCursor leaf = root.walk(range.start(), range.end());
        while (leaf.next()) {
          young |= ageEntry(kvm.codec(), leaf);
        }
      }
    } finally {
      kvm.rcu().readUnlock();
    }
    return young;
  }

  private static boolean ageShadowEntries(Kvm kvm, SlotRmap rmap, GfnRange range) {
    boolean young = false;
    for (int level = 1; level <= rmap.maxLevel(); level++) {
      // One head per block meeting the range: step from block boundaries, not from range.start.
      for (long gfn = range.start(); gfn < range.end(); gfn = nextBlock(gfn, level)) {
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            young |= ageEntry(kvm.codec(), spte);
          }
        }
      }
    }
    return young;
  }

  private static long nextBlock(long gfn, int level) {
    return Pages.alignDown(gfn, level) + Pages.pagesAt(level);
  }

  /** Clears Accessed if set; entries that turned non-present meanwhile are skipped (H6). */
  private static boolean ageEntry(EntryCodec codec, EntryCursor entry) {
    long old = entry.load();
    if (!codec.present(old) || !codec.accessed(old)) {
      return false;
    }
    entry.fetchAnd(~codec.accessedMask());
    return true;
  }
}
