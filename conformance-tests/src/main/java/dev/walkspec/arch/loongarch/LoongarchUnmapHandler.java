package dev.walkspec.arch.loongarch;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * LoongArch unmap (C1): under the MMU spinlock, removes every leaf meeting the range in every root
 * (a huge leaf cut by the range is removed whole, H9) and returns true iff one was present, so the
 * walk flushes (H11, H12). It never yields, whatever may_block says (H8 allows that). The kernel
 * clears the entry with a plain store; the api's {@code zap} also keeps the reverse maps and world
 * events right, and under the lock the two are the same.
 */
public class LoongarchUnmapHandler implements UnmapHandler {
  public LoongarchUnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    kvm.mmuLock().assertHeldWrite("H1", "the LoongArch unmap handler");
    boolean removed = false;
    for (Root root : kvm.mmu(range.slot().addressSpace()).roots()) {
      EntryCursor leaf = root.walk(range.start(), range.end());
      while (leaf.next()) {
        removed |= leaf.zap();
      }
    }
    return removed;
  }
}
