package dev.walkspec.arch.x86.tdp;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Rcu;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.RootTypes;
import dev.walkspec.runtime.api.UnmapHandler;
import java.util.List;

/**
 * TDP MMU unmap (C1): zaps every leaf meeting the range in every root of the slot's address space
 * that the range's attr_filter selects, valid and invalid alike, under the MMU lock held for write.
 * Returns true iff it removed a present mapping, so that the walk flushes remote TLBs (H11, H12).
 *
 * <p>The filter only matters in a VM with mirrored TDP (TDX): there PRIVATE zaps the mirror roots
 * and SHARED the direct ones; every other VM has direct roots alone and zaps them whatever the
 * filter ({@link RootTypes}, as kvm_tdp_mmu_unmap_gfn_range picks its roots).
 */
public class TdpUnmapHandler implements UnmapHandler {
  /** Leaves examined between two chances to yield when the caller allows blocking. */
  public static final int YIELD_EVERY = 32;

  public TdpUnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    // H1: a locked handler may rely on the lock; zapping needs it exclusively (H7).
    kvm.mmuLock().assertHeldWrite("H1", "the TDP MMU unmap handler");
    RootTypes types = RootTypes.of(kvm, range);
    boolean removed = false;
    for (Root root : roots(kvm, range.slot().addressSpace())) {
      // H3: a yield in an earlier root may have let a teardown free this one (the kernel holds a
      // reference on each root it walks instead); a freed root's tables are gone.
      if (types.includes(root) && stillListed(kvm, root)) {
        removed |= zapLeaves(kvm, range, root);
      }
    }
    return removed;
  }

  /**
   * Every root of the address space, invalid ones included: an invalid root still holds mappings
   * until it is zapped, and a vCPU may still be running on it (H9, H12).
   */
  protected List<Root> roots(Kvm kvm, int addressSpace) {
    return kvm.mmu(addressSpace).roots();
  }

  /** Whether {@code root} is still in its address space's list, so not freed (H3). */
  protected boolean stillListed(Kvm kvm, Root root) {
    return kvm.mmu(root.addressSpace()).roots().contains(root);
  }

  /** Whether the handler may give up the lock now and then (H8: only when the caller may block). */
  protected boolean mayYield(GfnRange range) {
    return range.mayBlock();
  }

  /**
   * Zaps the leaves of one root. The tables are read inside an RCU read section, as the kernel's
   * zap does; to yield, the handler first flushes what it zapped so far (a waiter that takes the
   * lock must not find zapped entries still cached in a TLB), leaves the RCU section (H8: no
   * sleeping inside it), lets waiters have the lock, and restarts the walk at the leaf it stopped
   * at, because tables may have changed meanwhile.
   *
   * <p>Zaps in invalid roots count towards the result too. The kernel skips the flush for those,
   * since invalidating a root already made every vCPU drop it and flush; the simulated world
   * flushes nothing when a root is invalidated, so here a removed mapping always asks for a flush.
   */
  private boolean zapLeaves(Kvm kvm, GfnRange range, Root root) {
    Rcu rcu = kvm.rcu();
    boolean removed = false;
    boolean unflushed = false;
    int budget = YIELD_EVERY;
    rcu.readLock();
    try {
      EntryCursor leaf = root.walk(range.start(), range.end());
      while (leaf.next()) {
        if (mayYield(range) && --budget == 0) {
          budget = YIELD_EVERY;
          long resume = Math.max(range.start(), leaf.gfn());
          if (unflushed) {
            kvm.flushRemoteTlbs();
            unflushed = false;
          }
          rcu.readUnlock();
          try {
            kvm.condReschedMmuLock();
          } finally {
            rcu.readLock();
          }
          // H3: a root freed while the lock was dropped is gone, with its tables; do not walk it.
          if (!stillListed(kvm, root)) {
            return removed;
          }
          leaf = root.walk(resume, range.end());
          continue;
        }
        if (leaf.zap()) {
          removed = true;
          unflushed = true;
        }
      }
    } finally {
      rcu.readUnlock();
    }
    return removed;
  }
}
