package dev.walkspec.runtime.api;

/**
 * Iterates slots in tree order (by userspace_addr, then id) without allocating per slot; the walker
 * may stop at any time (early exit).
 */
public interface SlotCursor {
  boolean hasNext();

  /**
   * The next slot.
   *
   * @throws java.util.NoSuchElementException when exhausted
   */
  MemSlot next();
}
