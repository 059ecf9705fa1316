package dev.walkspec.arch.whatif;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * LoongArch test_age walking inside an RCU read section with the RCU-safe root list (H3), so it may
 * run without the MMU lock; it only reads, so nothing else needs to change (H11).
 */
public class LoongarchRcuTestAgeHandler implements TestAgeHandler {
  public LoongarchRcuTestAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    EntryCodec codec = kvm.codec();
    kvm.rcu().readLock();
    try {
      for (Root root : kvm.mmu(range.slot().addressSpace()).rcuValidRoots()) {
        EntryCursor leaf = root.walk(range.start(), range.end());
        while (leaf.next()) {
          long entry = leaf.load();
          if (codec.present(entry) && codec.accessed(entry)) {
            return true;
          }
        }
      }
      return false;
    } finally {
      kvm.rcu().readUnlock();
    }
  }
}
