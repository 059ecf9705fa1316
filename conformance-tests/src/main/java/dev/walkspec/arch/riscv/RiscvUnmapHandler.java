package dev.walkspec.arch.riscv;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;
import java.util.List;

/**
 * riscv unmap (C1), as the kernel has it (v7.0). Under the MMU spinlock it steps through the range
 * one lookup at a time: a leaf is cleared only if the current address is aligned to it and the rest
 * of the range holds it wholly, and each cleared leaf is followed by its own remote TLB flush;
 * either way the address then advances by the leaf's size. So a block mapping cut by the range is
 * left mapped, and after an unaligned lookup the stepping stays unaligned and can pass over
 * mappings of the next block (H9, H12). The handler returns false: it flushed what it cleared
 * itself.
 *
 * <p>It reads the VM's root once, on entry (the kernel copies {@code kvm->arch.pgd} into its
 * g-stage descriptor), and walks that root to the end, also after giving up the lock between steps
 * when it may block (H8). Since dec9ed994434 (v7.0) it takes the lock with a trylock, which only
 * takes it for a caller that does not hold it; under the walk, which holds it, the trylock fails
 * and nothing changes. So if the VM's page tables are torn down while it yielded (the notifier's
 * release frees the root), it walks on in freed table pages: H3, the use-after-free that commit was
 * written for, on the very path of its report (unmap-vs-root-free).
 *
 * <p>One difference: when the lookup finds no leaf the kernel advances by the size of the level at
 * which its walk stopped, which the api does not tell; this handler moves to the next mapping
 * instead, so it misses fewer mappings than the kernel can.
 */
public class RiscvUnmapHandler implements UnmapHandler {
  public RiscvUnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean locked = lockIfUnlocked(kvm);
    try {
      kvm.mmuLock().assertHeldWrite("H1", "the g-stage unmap handler");
      // The root the handler keeps for the whole call; none when the VM's was freed already.
      // (The kernel reads kvm->arch.pgd just before its trylock; the model lists roots only
      // under the lock, and every caller here holds it, so the order changes nothing.)
      List<Root> roots = kvm.mmu(range.slot().addressSpace()).roots();
      for (Root root : roots) {
        unmapRoot(kvm, range, root);
      }
    } finally {
      if (locked) {
        kvm.mmuLock().release(exclusive(kvm));
      }
    }
    return false;
  }

  /**
   * The kernel's {@code spin_trylock}: takes the lock when the caller does not hold it, and says
   * whether it did. (A trylock that fails because another task holds the lock, after which the
   * kernel's handler runs unlocked, is not modelled: every caller here holds it.)
   */
  protected boolean lockIfUnlocked(Kvm kvm) {
    if (kvm.mmuLock().heldMode() != null) {
      return false;
    }
    kvm.mmuLock().acquire(exclusive(kvm));
    return true;
  }

  /** Whether to go on in {@code root} after having given up the lock: the kernel always does. */
  protected boolean goesOnAfterYield(Kvm kvm, Root root) {
    return true;
  }

  protected static LockMode exclusive(Kvm kvm) {
    return kvm.mmuLock().kind().exclusiveMode();
  }

  private void unmapRoot(Kvm kvm, GfnRange range, Root root) {
    long addr = range.start();
    long end = range.end();
    while (addr < end) {
      EntryCursor leaf = root.walk(addr, end);
      if (!leaf.next()) {
        return;
      }
      long size = Pages.pagesAt(leaf.level());
      if (leaf.gfn() >= addr) {
        addr = leaf.gfn();
        if (end - addr >= size && leaf.zap()) {
          kvm.flushRemoteTlbs();
        }
      }
      addr += size;
      // H8: the kernel offers to give up the lock after every step, only when it may block.
      if (range.mayBlock() && addr < end) {
        kvm.condReschedMmuLock();
        if (!goesOnAfterYield(kvm, root)) {
          return;
        }
      }
    }
  }
}
