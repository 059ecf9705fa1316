package dev.walkspec.runtime.memslot;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.SlotCursor;
import java.util.NoSuchElementException;

/**
 * The slots of a set intersecting an inclusive hva range, in tree order (W4). Indices below {@code
 * split} start before the range and are reported only if they reach into it; indices in {@code
 * [split, end)} start inside it and are all reported.
 */
final class OverlapCursor implements SlotCursor {
  private final SlotSet set;
  private final HvaIndex index;
  private final long lo;
  private final int split;
  private final int end;
  private int next;

  OverlapCursor(SlotSet set, HvaIndex index, long lo, long hi) {
    this.set = set;
    this.index = index;
    this.lo = lo;
    this.split = index.firstStartingAtOrAfter(lo);
    this.end = index.firstStartingAfter(hi);
    int first = index.leftmostReaching(0, split, lo);
    this.next = first >= 0 ? first : startOfInside();
  }

  @Override
  public boolean hasNext() {
    return next >= 0;
  }

  @Override
  public MemSlot next() {
    int current = next;
    if (current < 0) {
      throw new NoSuchElementException("no more slots in this range");
    }
    set.checkLive();
    next = successor(current);
    return index.slot(current);
  }

  private int startOfInside() {
    return split < end ? split : -1;
  }

  private int successor(int i) {
    if (i >= split) {
      return i + 1 < end ? i + 1 : -1;
    }
    // The next slot reaching lo is either before nextReach(i) or nextReach(i) itself, which ends
    // no earlier than slot i and therefore reaches lo too.
    int bound = Math.min(index.nextReach(i), split);
    int j = index.leftmostReaching(i + 1, bound, lo);
    if (j >= 0) {
      return j;
    }
    return bound < split ? bound : startOfInside();
  }
}
