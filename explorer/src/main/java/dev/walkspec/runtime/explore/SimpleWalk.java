package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.api.SlotCursor;
import dev.walkspec.runtime.api.TestAgeHandler;
import dev.walkspec.runtime.api.UnmapHandler;
import dev.walkspec.runtime.api.WalkResult;
import org.apiguardian.api.API;

/**
 * A plain v6.15-style memslot walk (W1-W12) and its five callers (C1-C5), for scenarios that need a
 * walker but are not about the walker: generated suites pass their generated walker instead.
 */
@API(status = INTERNAL)
public final class SimpleWalk {
  private SimpleWalk() {}

  /** The walk over the hva range {@code [start, end)} (W1-W12). */
  public static WalkResult walk(
      Kvm kvm,
      long start,
      long end,
      long arg,
      GfnHandler handler,
      OnLockCallback onLock,
      boolean flushOnRet,
      boolean mayBlock,
      boolean lockless) {
    if (end <= start || (handler == null && onLock == null) || (lockless && onLock != null)) {
      return WalkResult.NOTHING;
    }
    LockMode mode = kvm.mmuLock().kind().exclusiveMode();
    boolean ret = false;
    boolean found = false;
    int idx = kvm.srcu().readLock();
    walk:
    for (int as = 0; as < kvm.addressSpaces(); as++) {
      SlotCursor slots = kvm.memslots(as).overlapping(start, end - 1);
      while (slots.hasNext()) {
        MemSlot slot = slots.next();
        GfnRange range = GfnRange.forHva(slot, start, end, arg, mayBlock, lockless);
        if (!found) {
          found = true;
          if (!lockless) {
            kvm.mmuLock().acquire(mode);
            if (onLock != null) {
              onLock.run(kvm);
            }
          }
          if (handler == null) {
            break walk;
          }
        }
        ret |= kvm.callHandler(handler, range);
      }
    }
    if (handler != null && flushOnRet && ret) {
      kvm.flushRemoteTlbs();
    }
    if (found && !lockless) {
      kvm.mmuLock().release(mode);
    }
    kvm.srcu().readUnlock(idx);
    return WalkResult.of(ret, found);
  }

  /** C1: records the range and unmaps it under the lock, after invalidate_begin; flushes. */
  public static WalkResult invalidateRangeStart(
      Kvm kvm, long start, long end, UnmapHandler unmap, boolean mayBlock) {
    GfnHandler recordThenUnmap =
        (k, range) -> {
          k.invalidation().addRange(range.start(), range.end());
          return unmap.handle(k, range);
        };
    return walk(
        kvm, start, end, 0, recordThenUnmap, k -> k.invalidation().begin(), true, mayBlock, false);
  }

  /** C2: invalidate_end under the lock, no handler. */
  public static WalkResult invalidateRangeEnd(Kvm kvm, long start, long end, boolean mayBlock) {
    return walk(kvm, start, end, 0, null, k -> k.invalidation().end(), false, mayBlock, false);
  }

  /** C3: clear_flush_young. */
  public static WalkResult clearFlushYoung(
      Kvm kvm, long start, long end, AgeHandler age, boolean flushOnRet, boolean lockless) {
    return walk(kvm, start, end, 0, age, null, flushOnRet, false, lockless);
  }

  /** C4: clear_young. */
  public static WalkResult clearYoung(
      Kvm kvm, long start, long end, AgeHandler age, boolean lockless) {
    return walk(kvm, start, end, 0, age, null, false, false, lockless);
  }

  /** C5: test_young of one address. */
  public static WalkResult testYoung(
      Kvm kvm, long address, TestAgeHandler testAge, boolean lockless) {
    return walk(kvm, address, address + 1, 0, testAge, null, false, false, lockless);
  }
}
