package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The bookkeeping that lets the fault path detect a race with an invalidation (H13): a count of
 * invalidations in progress, a sequence number bumped when one ends, and the gfn range recorded
 * since the first begin. Every update needs the MMU lock held for write.
 */
@API(status = STABLE)
public interface Invalidation {
  /** Marks an invalidation as in progress (on_lock of C1). */
  void begin();

  /** Records that {@code [startGfn, endGfn)} is being invalidated (C1's handler, before unmap). */
  void addRange(long startGfn, long endGfn);

  /** Ends an invalidation (on_lock of C2); a range must have been recorded since begin. */
  void end();

  int inProgress();

  long sequence();

  /** Start of the recorded range, or -1 when none is recorded. */
  long rangeStart();

  /** End (exclusive) of the recorded range, or -1 when none is recorded. */
  long rangeEnd();

  /**
   * Whether a fault that read {@code sequenceSnapshot} before resolving {@code gfn} must retry: an
   * invalidation covering gfn is in progress, or one ended since the snapshot.
   */
  boolean retryNeeded(long sequenceSnapshot, long gfn);
}
