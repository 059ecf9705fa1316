package dev.walkspec.arch.loongarch;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.TestAgeHandler;
import java.util.List;

/**
 * LoongArch test_age (C5): under the MMU spinlock, reports whether a leaf meeting the range is
 * young, changing nothing (H11). The kernel looks up only the page at {@code range.start}, which
 * for C5 (one hva byte, so one gfn: W6) is the whole range; this handler reads the whole range so
 * it also meets H9 when a suite passes longer ranges.
 */
public class LoongarchTestAgeHandler implements TestAgeHandler {
  public LoongarchTestAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    EntryCodec codec = kvm.codec();
    for (Root root : roots(kvm, range.slot().addressSpace())) {
      EntryCursor leaf = root.walk(range.start(), range.end());
      while (leaf.next()) {
        long entry = leaf.load();
        if (codec.present(entry) && codec.accessed(entry)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The roots to walk: the valid ones, read under the MMU lock the walk holds. */
  protected List<Root> roots(Kvm kvm, int addressSpace) {
    return kvm.mmu(addressSpace).validRoots();
  }
}
