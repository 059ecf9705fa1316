package dev.walkspec.emit.handlers;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/** A correct age handler for tests: ages every valid root's range, under RCU when lockless (H3). */
public final class RangeAge implements AgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean young = false;
    kvm.rcu().readLock();
    try {
      for (Root root : kvm.mmu(range.slot().addressSpace()).rcuValidRoots()) {
        young |= root.ageRange(range.start(), range.end());
      }
    } finally {
      kvm.rcu().readUnlock();
    }
    return young;
  }
}
