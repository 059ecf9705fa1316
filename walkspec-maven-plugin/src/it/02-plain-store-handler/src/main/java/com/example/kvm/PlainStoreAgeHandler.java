package com.example.kvm;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Rcu;
import dev.walkspec.runtime.api.Root;

/**
 * The age handler of IT 1 with one edit: Accessed is cleared with a plain load and a plain store
 * instead of an atomic fetch-and. Aging is lockless in the canonical spec, so a vCPU (or the
 * hardware) can change the entry between the two, and the store erases that change (H4).
 */
public class PlainStoreAgeHandler implements AgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    EntryCodec codec = kvm.codec();
    Rcu rcu = kvm.rcu();
    boolean young = false;
    rcu.readLock();
    try {
      for (Root root : kvm.mmu(range.slot().addressSpace()).rcuValidRoots()) {
        EntryCursor leaf = root.walk(range.start(), range.end());
        while (leaf.next()) {
          long entry = leaf.load();
          if (codec.present(entry) && codec.accessed(entry)) {
            young = true;
            leaf.store(entry & ~codec.accessedMask());
          }
        }
      }
    } finally {
      rcu.readUnlock();
    }
    return young;
  }
}
