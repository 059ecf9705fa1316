package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One immutable generation of the memslots of an address space. Valid to read only inside the SRCU
 * read section in which it was obtained; a set retired by an update is poisoned and every read of
 * it fails (W2).
 */
@API(status = STABLE)
public interface MemSlotSet {
  int addressSpace();

  /** Increases with every update of this address space. */
  long generation();

  int count();

  /**
   * The slots whose hva range intersects the INCLUSIVE range {@code [hvaLo, hvaHi]}, in tree order
   * (W4). Costs O(log n) to start and O(1) amortised per slot returned.
   */
  SlotCursor overlapping(long hvaLo, long hvaHi);

  /** Every slot in tree order. */
  SlotCursor all();

  /** The slot with this id, or null. */
  MemSlot byId(int id);

  /** The slot holding this gfn, or null. */
  MemSlot byGfn(long gfn);

  /** Whether an update replaced this set and its grace period ended. */
  boolean retired();
}
