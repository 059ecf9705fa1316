package dev.walkspec.arch.whatif;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/**
 * LoongArch age with the one change lockless aging asks for first: the tables are walked inside an
 * RCU read section with the RCU-safe root list (H3), so a concurrent zap cannot free a page under
 * it. The stores stay what they are in LoongArch's handler, a plain load then a plain store of the
 * entry without Accessed: right under the MMU lock, a lost update (H4) once the walk is lockless.
 */
public class LoongarchRcuAgeHandler implements AgeHandler {
  public LoongarchRcuAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    EntryCodec codec = kvm.codec();
    boolean young = false;
    kvm.rcu().readLock();
    try {
      for (Root root : kvm.mmu(range.slot().addressSpace()).rcuValidRoots()) {
        EntryCursor leaf = root.walk(range.start(), range.end());
        while (leaf.next()) {
          long old = leaf.load();
          if (codec.present(old) && codec.accessed(old)) {
            leaf.store(codec.clearAccessed(old));
            young = true;
          }
        }
      }
    } finally {
      kvm.rcu().readUnlock();
    }
    return young;
  }
}
