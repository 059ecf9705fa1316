package dev.walkspec.emit.handlers;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/** A bad age handler for tests: looks only at the page at range.start (breaks H9). */
public final class StartOnlyAge implements AgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean young = false;
    kvm.rcu().readLock();
    try {
      for (Root root : kvm.mmu(range.slot().addressSpace()).rcuValidRoots()) {
        young |= root.ageRange(range.start(), range.start() + 1);
      }
    } finally {
      kvm.rcu().readUnlock();
    }
    return young;
  }
}
