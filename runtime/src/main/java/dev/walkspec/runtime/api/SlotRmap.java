package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The reverse map of one memslot (shadow-MMU style): for each gfn and level, the entries that map
 * it. Each head has a bit lock; lockless readers take it, so the chain cannot change under them.
 */
@API(status = STABLE)
public interface SlotRmap {
  MemSlot slot();

  /** Highest level with a reverse map. */
  int maxLevel();

  /** Locks the head of {@code gfn} at {@code level} and iterates its entries (close to unlock). */
  RmapCursor lock(long gfn, int level);

  /** Number of entries mapping {@code gfn} at {@code level} (takes and drops the head lock). */
  int count(long gfn, int level);
}
