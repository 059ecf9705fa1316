package dev.walkspec.arch.arm64;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/**
 * The stage-2 "test and clear young" walk shared by arm64 age and test_age. It runs with the MMU
 * lock held for write (arm64 kept locked aging) and walks the tables without an RCU section, which
 * is only safe because of that lock (H1, H3). The walker visits every leaf whose block meets the
 * range, so a range that starts or ends inside a block mapping ages that whole block (H9).
 */
abstract class Stage2Aging {
  boolean testClearYoung(Kvm kvm, GfnRange range, boolean mkold) {
    EntryCodec codec = kvm.codec();
    boolean young = false;
    // The VM's own stage-2 table: nested stage-2 tables are not aged, as in the kernel (their
    // entries are indexed by an L2 guest's IPAs). Listing the roots needs the lock (H3).
    for (Root root : kvm.mmu(range.slot().addressSpace()).validRoots()) {
      if (root.nested()) {
        continue;
      }
      EntryCursor leaf = root.walk(range.start(), range.end());
      while (leaf.next()) {
        long old = leaf.load();
        if (!codec.present(old) || !codec.accessed(old)) {
          continue;
        }
        if (!mkold) {
          return true;
        }
        young = true;
        // The kernel's non-shared stage-2 walk writes "old without AF" with a plain store: stage-2
        // hardware only ever sets AF, and losing that is allowed (H5). The simulated hardware also
        // sets a Dirty bit, which a plain store could erase, so AF is cleared with an atomic
        // fetch-and: the kernel's effect without the hazard.
        leaf.fetchAnd(~codec.accessedMask());
      }
    }
    return young;
  }
}
