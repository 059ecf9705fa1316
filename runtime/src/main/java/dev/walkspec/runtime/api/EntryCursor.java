package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A position on page-table entries (from a table walk or a reverse map). {@link #next()} moves to
 * the next present leaf; the other methods act on the current one. Entries may be zapped
 * concurrently (H6): an operation on a vanished entry simply sees a non-present value.
 */
@API(status = STABLE)
public interface EntryCursor {
  /** Advances to the next present leaf; false when there is none. */
  boolean next();

  /** First gfn mapped by the current entry (aligned to its level). */
  long gfn();

  /** Level of the current entry (1 = 4 KiB). */
  int level();

  long load();

  /**
   * The value the cursor read when it stopped at the current entry (in {@link #next()}), without a
   * new load: what a kernel iterator keeps as the entry's old value. It may be stale by now; code
   * that writes back a value computed from it must use an atomic update (H4, H5).
   */
  default long value() {
    return load();
  }

  /** Atomic compare-and-swap (H4). */
  boolean compareAndSet(long expected, long update);

  /** Atomic fetch-and; returns the old value (H4). */
  long fetchAnd(long mask);

  /** Atomic fetch-or; returns the old value. */
  long fetchOr(long mask);

  /** Atomic exchange; returns the old value. */
  long exchange(long value);

  /**
   * A plain (non read-modify-write) store. Allowed only with the MMU lock held: a lockless plain
   * store can erase a concurrent update (H4).
   */
  void store(long value);

  /**
   * Removes the mapping atomically (and its reverse-map link); needs the MMU lock held exclusively
   * (H1, H7). Returns whether a present mapping was removed.
   */
  boolean zap();
}
