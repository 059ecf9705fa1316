package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Iterates slots in tree order (by userspace_addr, then id) without allocating per slot; the walker
 * may stop at any time (early exit).
 */
@API(status = STABLE)
public interface SlotCursor {
  boolean hasNext();

  /**
   * The next slot.
   *
   * @throws java.util.NoSuchElementException when exhausted
   */
  MemSlot next();
}
