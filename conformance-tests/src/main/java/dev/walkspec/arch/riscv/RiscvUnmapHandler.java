package dev.walkspec.arch.riscv;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * riscv unmap (C1), as the kernel has it. Under the MMU spinlock it steps through the range one
 * lookup at a time: a leaf is cleared only if the current address is aligned to it and the rest of
 * the range holds it wholly, and each cleared leaf is followed by its own remote TLB flush; either
 * way the address then advances by the leaf's size. So a block mapping cut by the range is left
 * mapped, and after an unaligned lookup the stepping stays unaligned and can pass over mappings of
 * the next block (H9, H12). The handler returns false: it flushed what it cleared itself.
 *
 * <p>One difference: when the lookup finds no leaf the kernel advances by the size of the level at
 * which its walk stopped, which the api does not tell; this handler moves to the next mapping
 * instead, so it misses fewer mappings than the kernel can.
 */
public class RiscvUnmapHandler implements UnmapHandler {
  public RiscvUnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    kvm.mmuLock().assertHeldWrite("H1", "the g-stage unmap handler");
    for (Root root : kvm.mmu(range.slot().addressSpace()).roots()) {
      unmapRoot(kvm, range, root);
    }
    return false;
  }

  private static void unmapRoot(Kvm kvm, GfnRange range, Root root) {
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
      }
    }
  }
}
