package com.example.kvm;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/**
 * An age handler that is correct only under the MMU lock, like arm64's: it asserts the lock is
 * held for write, lists the roots the locked way and clears Accessed with plain stores.
 */
public class LockedAgeHandler implements AgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    kvm.mmuLock().assertHeldWrite("H1", "LockedAgeHandler");
    EntryCodec codec = kvm.codec();
    boolean young = false;
    for (Root root : kvm.mmu(range.slot().addressSpace()).validRoots()) {
      EntryCursor leaf = root.walk(range.start(), range.end());
      while (leaf.next()) {
        long entry = leaf.load();
        if (codec.present(entry) && codec.accessed(entry)) {
          young = true;
          leaf.store(codec.clearAccessed(entry));
        }
      }
    }
    return young;
  }
}
