package dev.walkspec.arch.arm64;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * arm64 unmap (C1), as the kernel has it: under the write lock, the range is unmapped in chunks
 * that end on 1 GiB boundaries; every leaf meeting a chunk is removed whole, blocks cut by the
 * range included (H9). The stage-2 unmap walk invalidates TLBs itself, so each chunk that removed
 * something is followed by a remote flush here (H12), and the handler returns false: the walk has
 * nothing left to flush.
 *
 * <p>That false is the kernel's answer. An H11 check that reads unmap's result as "a present
 * mapping was removed" flags it; read as "a flush is still needed", it is right.
 */
public class Arm64UnmapHandler implements UnmapHandler {
  /** Pages per chunk: the largest block, 1 GiB. */
  public static final long CHUNK = Pages.pagesAt(3);

  public Arm64UnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    kvm.mmuLock().assertHeldWrite("H1", "the stage-2 unmap handler");
    int as = range.slot().addressSpace();
    long from = range.start();
    while (from < range.end()) {
      long to = Math.min(range.end(), Pages.alignDown(from, 3) + CHUNK);
      boolean zapped = false;
      // Every root: the VM's stage-2 table and the nested ones, invalid or not (H9).
      for (Root root : kvm.mmu(as).roots()) {
        zapped |= root.zapRange(from, to);
      }
      if (zapped) {
        kvm.flushRemoteTlbs();
      }
      from = to;
      // H8: between chunks, and only when the caller may block.
      if (range.mayBlock() && from < range.end()) {
        kvm.condReschedMmuLock();
      }
    }
    return false;
  }
}
