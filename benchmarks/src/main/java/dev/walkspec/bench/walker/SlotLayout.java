package dev.walkspec.bench.walker;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import java.util.ArrayList;
import java.util.List;

/**
 * The memslot layouts of the walker and lookup benchmarks: {@code count} slots of {@link #PAGES}
 * pages in address space 0, one every {@link #STRIDE} pages of host memory from {@link #BASE}, so
 * that a gap of the same size follows each slot. Ranges that hit no slot fall into the middle gap,
 * ranges that hit one lie inside the middle slot, and "many" covers every slot.
 */
public final class SlotLayout {
  /** Host address of the first slot. */
  public static final long BASE = 0x4000_0000L;

  /** Pages per slot. */
  public static final long PAGES = 16;

  /** Pages from one slot's start to the next one's. */
  public static final long STRIDE = 2 * PAGES;

  private SlotLayout() {}

  /** The slots, in host address (tree) order. */
  public static List<MemSlot> slots(int count) {
    List<MemSlot> slots = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      slots.add(new MemSlot(0, i, i * PAGES, PAGES, hva(i), 0));
    }
    return slots;
  }

  /** Host address of slot {@code i}. */
  public static long hva(int i) {
    return BASE + i * STRIDE * Pages.SIZE;
  }

  /** The half-open hva range {@code [start, end)} that hits {@code hit} of {@code count} slots. */
  public static long[] range(int count, Hit hit) {
    int middle = count / 2;
    return switch (hit) {
      case NONE -> {
        long start = hva(middle) + PAGES * Pages.SIZE;
        yield new long[] {start, start + 4 * Pages.SIZE};
      }
      case ONE -> {
        long start = hva(middle) + 4 * Pages.SIZE;
        yield new long[] {start, start + 4 * Pages.SIZE};
      }
      case MANY -> new long[] {BASE, hva(count - 1) + PAGES * Pages.SIZE};
    };
  }

  /** How many slots a benchmark's range meets. */
  public enum Hit {
    /** No slot: the range lies in a gap between two slots. */
    NONE,
    /** One slot: four pages inside the middle slot. */
    ONE,
    /** Every slot. */
    MANY;

    /** How many handler calls a range of this kind makes with {@code count} slots. */
    public int calls(int count) {
      return switch (this) {
        case NONE -> 0;
        case ONE -> 1;
        case MANY -> count;
      };
    }
  }
}
