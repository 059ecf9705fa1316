package dev.walkspec.arch.s390;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/**
 * The DAT-table walk s390's age and test_age share. The walk is lockless (s390 selects
 * KVM_MMU_LOCKLESS_AGING), but each handler takes the MMU lock for read around its DAT walk, as the
 * kernel does: that keeps table teardown (under the write lock) away, so the walk needs no RCU
 * section (H3), while faults, which take the lock for read too, still run beside it. H1 allows the
 * read lock in a lockless handler; it is what forfeits the point of lockless aging, which the
 * conform report notes as advisory.
 *
 * <p>The walk visits every leaf whose block meets the range: a large (segment or region) entry cut
 * by either end of the range is handled whole, as the kernel's table walk calls its large-entry
 * callback for the block that contains the range's start (H9).
 */
abstract class DatAging {
  /**
   * With {@code mkold}: makes every young leaf of the range old; true if one was young. Without:
   * true as soon as a leaf is young, changing nothing (the kernel's walk stops at the first).
   */
  boolean walk(Kvm kvm, GfnRange range, boolean mkold) {
    EntryCodec codec = kvm.codec();
    boolean young = false;
    kvm.mmuLock().lockRead();
    try {
      // One gmap per VM: its DAT tables are the address space's only root here.
      for (Root root : kvm.mmu(range.slot().addressSpace()).validRoots()) {
        EntryCursor leaf = root.walk(range.start(), range.end());
        while (leaf.next()) {
          long old = leaf.load();
          // An entry made non-present meanwhile is skipped (H6).
          if (!codec.present(old) || !codec.accessed(old)) {
            continue;
          }
          if (!mkold) {
            return true;
          }
          // The kernel exchanges the entry, under its PGSTE lock, for one that is invalid,
          // protected, not young and clean, moving Dirty to the folio; its DAT instruction purges
          // the TLBs with it. The world has neither that encoding nor a folio dirty flag: the port
          // clears Accessed with one atomic fetch-and, the kernel's effect (the page is old, its
          // dirtiness kept) with no other bit lost (H4, H5, H7).
          leaf.fetchAnd(~codec.accessedMask());
          young = true;
        }
      }
    } finally {
      kvm.mmuLock().unlockRead();
    }
    return young;
  }
}
