package dev.walkspec.runtime.memslot;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.MemSlotSet;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.api.SlotCursor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apiguardian.api.API;

/** One immutable, validated generation of an address space's memslots. */
@API(status = INTERNAL)
public final class SlotSet implements MemSlotSet {
  private static final Comparator<MemSlot> TREE_ORDER =
      Comparator.comparingLong(MemSlot::userspaceAddr).thenComparingInt(MemSlot::id);

  private final int addressSpace;
  private final long generation;
  private final HvaIndex hva;
  private final MemSlot[] byGfn;
  private final long[] gfnStarts;
  private final MemSlot[] byId;
  private final int[] ids;
  private volatile boolean retired;

  private SlotSet(int addressSpace, long generation, MemSlot[] slots) {
    this.addressSpace = addressSpace;
    this.generation = generation;
    MemSlot[] tree = slots.clone();
    Arrays.sort(tree, TREE_ORDER);
    this.hva = new HvaIndex(tree);
    this.byGfn = slots.clone();
    Arrays.sort(byGfn, Comparator.comparingLong(MemSlot::baseGfn));
    this.gfnStarts = Arrays.stream(byGfn).mapToLong(MemSlot::baseGfn).toArray();
    this.byId = slots.clone();
    Arrays.sort(byId, Comparator.comparingInt(MemSlot::id));
    this.ids = Arrays.stream(byId).mapToInt(MemSlot::id).toArray();
  }

  /**
   * Builds a set after checking that every slot belongs to {@code addressSpace}, ids are unique and
   * no two slots share a gfn.
   *
   * @throws IllegalArgumentException naming the offending slots
   */
  public static SlotSet of(int addressSpace, long generation, Collection<MemSlot> slots) {
    MemSlot[] array = slots.toArray(new MemSlot[0]);
    for (MemSlot slot : array) {
      if (slot.addressSpace() != addressSpace) {
        throw new IllegalArgumentException(
            "slot "
                + slot.id()
                + " belongs to address space "
                + slot.addressSpace()
                + ", not "
                + addressSpace);
      }
    }
    MemSlot[] sorted = array.clone();
    Arrays.sort(sorted, Comparator.comparingInt(MemSlot::id));
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i].id() == sorted[i - 1].id()) {
        throw new IllegalArgumentException(
            "duplicate slot id " + sorted[i].id() + " in address space " + addressSpace);
      }
    }
    Arrays.sort(sorted, Comparator.comparingLong(MemSlot::baseGfn));
    for (int i = 1; i < sorted.length; i++) {
      MemSlot before = sorted[i - 1];
      MemSlot after = sorted[i];
      if (after.baseGfn() < before.gfnEnd()) {
        throw new IllegalArgumentException(
            "gfn overlap in address space "
                + addressSpace
                + ": slot "
                + after.id()
                + " gfns ["
                + after.baseGfn()
                + ","
                + after.gfnEnd()
                + ") overlap slot "
                + before.id()
                + " gfns ["
                + before.baseGfn()
                + ","
                + before.gfnEnd()
                + "); slots of one address space never share a gfn");
      }
    }
    return new SlotSet(addressSpace, generation, array);
  }

  /** An empty set. */
  public static SlotSet empty(int addressSpace) {
    return of(addressSpace, 0, List.of());
  }

  @Override
  public int addressSpace() {
    return addressSpace;
  }

  @Override
  public long generation() {
    return generation;
  }

  @Override
  public int count() {
    checkLive();
    return ids.length;
  }

  @Override
  public SlotCursor overlapping(long hvaLo, long hvaHi) {
    checkLive();
    if (hvaLo > hvaHi) {
      // W4: an empty range meets no slot, as the kernel's interval tree query finds nothing
      // (a walk without the W1a guard may ask for one).
      return EMPTY;
    }
    return new OverlapCursor(this, hva, hvaLo, hvaHi);
  }

  private static final SlotCursor EMPTY =
      new SlotCursor() {
        @Override
        public boolean hasNext() {
          return false;
        }

        @Override
        public MemSlot next() {
          throw new NoSuchElementException("an empty hva range meets no slot");
        }
      };

  @Override
  public SlotCursor all() {
    checkLive();
    return new OverlapCursor(this, hva, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Override
  public MemSlot byId(int id) {
    checkLive();
    int i = Arrays.binarySearch(ids, id);
    return i >= 0 ? byId[i] : null;
  }

  @Override
  public MemSlot byGfn(long gfn) {
    checkLive();
    int i = Arrays.binarySearch(gfnStarts, gfn);
    if (i < 0) {
      i = -i - 2;
    }
    return i >= 0 && byGfn[i].containsGfn(gfn) ? byGfn[i] : null;
  }

  /** The slots in id order (for building the next generation). */
  public List<MemSlot> slots() {
    checkLive();
    return List.of(byId);
  }

  @Override
  public boolean retired() {
    return retired;
  }

  /** Marks the set dead: its grace period ended and nobody may read it any more (W2). */
  void retire() {
    retired = true;
  }

  void checkLive() {
    if (retired) {
      throw new RuleViolation(
          "W2",
          "memslot set generation "
              + generation
              + " of address space "
              + addressSpace
              + " was retired after an SRCU grace period; reading it is a use-after-free"
              + " (use a set only inside the SRCU read section that obtained it)");
    }
  }

  @Override
  public String toString() {
    return "memslots[as=" + addressSpace + ", generation=" + generation + ", " + ids.length + "]";
  }
}
