package dev.walkspec.arch.arm64;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;

/**
 * arm64 unmap (C1), as the kernel has it: under the write lock, the VM's own stage 2 is unmapped
 * over the range in chunks that end on 1 GiB boundaries; every leaf meeting a chunk is removed
 * whole, blocks cut by the range included (H9). Then every valid nested stage-2 table (the stage 2
 * KVM builds for an L2 guest) is unmapped over its whole IPA space, the same way: its entries are
 * indexed by the L2 guest's IPAs, so the range does not say which of them map it
 * (kvm_nested_s2_unmap; H9, and H10 lets a nested table lose any entry). The stage-2 unmap walk
 * invalidates TLBs itself, so each chunk that removed something is followed by a remote flush here
 * (H12), and the handler returns false: the walk has nothing left to flush.
 *
 * <p>Between chunks it offers the lock when the caller may block (H8, H14), and, as the kernel's
 * range walk reads the table pointer afresh for every chunk, it stops on a table that was freed
 * meanwhile (the VM's teardown, unmap-vs-root-free).
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
    // The VM's own stage 2 (kvm->arch.mmu): the table the range's gfns index.
    for (Root table : kvm.mmu(as).roots()) {
      if (!table.nested()) {
        unmapOwnTable(kvm, range, table);
      }
    }
    // kvm_nested_s2_unmap: every valid nested stage-2 table.
    for (Root table : kvm.mmu(as).validRoots()) {
      if (table.nested()) {
        unmapNestedTable(kvm, range, table);
      }
    }
    return false;
  }

  /** The VM's own stage 2 over the range. */
  protected void unmapOwnTable(Kvm kvm, GfnRange range, Root table) {
    unmapInChunks(kvm, range, table, range.start(), range.end());
  }

  /** A nested stage-2 table over its whole IPA space: the range does not say which IPAs map it. */
  protected void unmapNestedTable(Kvm kvm, GfnRange range, Root table) {
    unmapWhole(kvm, range, table);
  }

  /**
   * All of {@code table}, chunk by chunk. The kernel steps through every 1 GiB chunk of the IPA
   * space; this one jumps from one chunk that maps something to the next, which removes the same
   * entries and gives the lock up no less often per entry removed.
   */
  protected static void unmapWhole(Kvm kvm, GfnRange range, Root table) {
    long limit = Pages.pagesAt(table.levels() + 1);
    EntryCursor next = table.walk(0, limit);
    while (next.next()) {
      long chunk = Pages.alignDown(next.gfn(), 3);
      zap(kvm, table, chunk, chunk + CHUNK);
      if (!offerLock(kvm, range, table)) {
        return;
      }
      // From the chunk just emptied: the first mapping after it, if any.
      next = table.walk(chunk, limit);
    }
  }

  /** [from, to) of {@code table} in chunks that end on 1 GiB boundaries. */
  protected static void unmapInChunks(Kvm kvm, GfnRange range, Root table, long from, long to) {
    while (true) {
      long end = Math.min(to, Pages.alignDown(from, 3) + CHUNK);
      zap(kvm, table, from, end);
      if (end >= to || !offerLock(kvm, range, table)) {
        return;
      }
      from = end;
    }
  }

  /** One chunk, and its flush: the stage-2 unmap walk invalidates the TLBs itself (H12). */
  private static void zap(Kvm kvm, Root table, long from, long to) {
    if (table.zapRange(from, to)) {
      kvm.flushRemoteTlbs();
    }
  }

  /**
   * Between two chunks of one walk: the lock offered when the caller may block (H8, H14); whether
   * the table is still there to go on in (stage2_apply_range reads it again).
   */
  protected static boolean offerLock(Kvm kvm, GfnRange range, Root table) {
    if (!range.mayBlock()) {
      return true;
    }
    kvm.condReschedMmuLock();
    return kvm.mmu(table.addressSpace()).roots().contains(table);
  }
}
