package dev.walkspec.bench.walker;

import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.MmuLock;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.SlotCursor;
import dev.walkspec.runtime.api.WalkResult;

/**
 * The memslot walk as a careful engineer would write it in Java without a generator, over the same
 * runtime structures as the generated walkers: one generic function driven by a range descriptor,
 * the way {@code kvm_handle_hva_range} takes a {@code struct kvm_mmu_notifier_range}, and the two
 * callers of the benchmark passing constant descriptors (which the JIT can fold, as the kernel's
 * {@code __always_inline} lets the compiler fold them). No trace: there is nothing to record.
 */
public final class HandWrittenWalker {
  private final Kvm kvm;

  public HandWrittenWalker(Kvm kvm) {
    this.kvm = kvm;
  }

  /** What one walk does: the kernel's {@code struct kvm_mmu_notifier_range}. */
  public record Range(
      long start,
      long end,
      GfnHandler handler,
      OnLockCallback onLock,
      boolean flushOnRet,
      boolean mayBlock,
      boolean lockless) {}

  /** C4 clear_young on x86: lockless, no flush. */
  public WalkResult clearYoung(long start, long end, GfnHandler age) {
    return handleHvaRange(new Range(start, end, age, null, false, false, true));
  }

  /** C1 invalidate_range_start on x86: under the MMU lock for write, begin, flush if asked. */
  public WalkResult invalidateRangeStart(
      long start, long end, boolean mayBlock, GfnHandler unmap, OnLockCallback begin) {
    return handleHvaRange(new Range(start, end, unmap, begin, true, mayBlock, false));
  }

  /** The walk (W1-W12). */
  public WalkResult handleHvaRange(Range range) {
    if (range.end() <= range.start()) {
      return WalkResult.NOTHING;
    }
    if (range.handler() == null && range.onLock() == null) {
      return WalkResult.NOTHING;
    }
    if (range.lockless() && range.onLock() != null) {
      return WalkResult.NOTHING;
    }
    MmuLock lock = kvm.mmuLock();
    boolean locked = false;
    boolean ret = false;
    int idx = kvm.srcu().readLock();
    try {
      int spaces = kvm.addressSpaces();
      for (int as = 0; as < spaces; as++) {
        SlotCursor slots = kvm.memslots(as).overlapping(range.start(), range.end() - 1);
        while (slots.hasNext()) {
          MemSlot slot = slots.next();
          long hvaStart = Math.max(range.start(), slot.userspaceAddr());
          long hvaEnd = Math.min(range.end(), slot.hvaEnd());
          long gfnStart = slot.hvaToGfn(hvaStart);
          long gfnEnd = slot.hvaToGfn(hvaEnd + Pages.SIZE - 1);
          if (!locked) {
            locked = true;
            if (!range.lockless()) {
              lock.lockWrite();
              if (range.onLock() != null) {
                range.onLock().run(kvm);
              }
            }
          }
          if (range.handler() == null) {
            continue;
          }
          GfnRange gfns =
              new GfnRange(
                  slot,
                  gfnStart,
                  gfnEnd,
                  0L,
                  AttrFilter.SHARED,
                  range.mayBlock(),
                  range.lockless());
          ret |= range.handler().handle(kvm, gfns);
        }
      }
      if (range.flushOnRet() && ret) {
        kvm.flushRemoteTlbs();
      }
      if (locked && !range.lockless()) {
        lock.unlockWrite();
      }
    } finally {
      kvm.srcu().readUnlock(idx);
    }
    return new WalkResult(ret ? 1L : 0L, locked);
  }
}
