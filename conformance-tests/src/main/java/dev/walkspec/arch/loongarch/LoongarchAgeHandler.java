package dev.walkspec.arch.loongarch;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import java.util.List;

/**
 * LoongArch age (C3, C4): under the MMU spinlock, walks every leaf meeting the range (huge ones
 * included, H9) and makes each young one old with a plain load and a plain store. That is correct
 * only because the lock excludes every other writer: LoongArch sets Accessed/Dirty in software, in
 * its fault path, under the same lock. Run without the lock (a lockless spec) it reads tables
 * outside any RCU section (H3) and its plain stores could erase concurrent updates (H4), and the
 * runtime says so.
 */
public class LoongarchAgeHandler implements AgeHandler {
  public LoongarchAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    EntryCodec codec = kvm.codec();
    boolean young = false;
    for (Root root : roots(kvm, range.slot().addressSpace())) {
      EntryCursor leaf = root.walk(range.start(), range.end());
      while (leaf.next()) {
        long old = leaf.load();
        if (codec.present(old) && codec.accessed(old)) {
          leaf.store(codec.clearAccessed(old));
          young = true;
        }
      }
    }
    return young;
  }

  /** The roots to walk: the valid ones, read under the MMU lock the walk holds. */
  protected List<Root> roots(Kvm kvm, int addressSpace) {
    return kvm.mmu(addressSpace).validRoots();
  }
}
