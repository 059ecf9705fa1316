package dev.walkspec.arch.s390;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * s390 unmap (C1), as the new gmap has it: under the write lock (asserted, H1), the DAT walk
 * empties every leaf meeting the range, large entries cut by the range whole (H9). Each entry is
 * exchanged with a DAT instruction that purges the TLBs itself (the profile's coherent_zap), so no
 * remote flush is owed and the handler always returns false: right by H11 as the walk uses the
 * result, and H12 holds on the world.
 *
 * <p>The kernel's walk never gives the lock up, however long the range: with may_block and a task
 * waiting, a long unmap breaks H14 (walkspec's own obligation), as LoongArch's does.
 */
public class S390UnmapHandler implements UnmapHandler {
  public S390UnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    kvm.mmuLock().assertHeldWrite("H1", "the s390 gmap unmap handler");
    for (Root root : kvm.mmu(range.slot().addressSpace()).roots()) {
      EntryCursor leaf = root.walk(range.start(), range.end());
      while (leaf.next()) {
        leaf.zap();
      }
    }
    return false;
  }
}
