package dev.walkspec.bench.lookup;

import dev.walkspec.bench.walker.SlotLayout;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.SlotCursor;
import dev.walkspec.runtime.memslot.SlotSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 2: the slot selection of one walk (W4: the slots meeting {@code [start, end - 1]}) at 1
 * to 512 slots, through the runtime's interval index ({@code MemSlotSet.overlapping}) and through a
 * linear scan of the same slots, as the walk did before the interval tree. Each invocation selects
 * the slots of a one-page range at the next of 1024 pseudo-random addresses inside slots, so branch
 * prediction cannot learn one path; both sides return the sum of the selected ids.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SlotLookupBenchmark {
  private static final int QUERIES = 1024;

  @Param({"1", "2", "4", "8", "16", "32", "64", "128", "256", "512"})
  public int slots;

  private SlotSet set;
  private MemSlot[] linear;
  private final long[] queries = new long[QUERIES];
  private int next;

  @Setup
  public void setUp() {
    List<MemSlot> layout = SlotLayout.slots(slots);
    set = SlotSet.of(0, 1, layout);
    linear = layout.toArray(new MemSlot[0]);
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < QUERIES; i++) {
      int slot = random.nextInt(slots);
      long page = random.nextLong(SlotLayout.PAGES);
      queries[i] = SlotLayout.hva(slot) + page * Pages.SIZE;
    }
  }

  private long nextQuery() {
    long hva = queries[next];
    next = (next + 1) & (QUERIES - 1);
    return hva;
  }

  @Benchmark
  public long intervalTree() {
    long lo = nextQuery();
    SlotCursor cursor = set.overlapping(lo, lo + Pages.SIZE - 1);
    long ids = 0;
    while (cursor.hasNext()) {
      ids += cursor.next().id();
    }
    return ids;
  }

  @Benchmark
  public long linearScan() {
    long lo = nextQuery();
    long hi = lo + Pages.SIZE - 1;
    long ids = 0;
    for (MemSlot slot : linear) {
      if (slot.intersectsHva(lo, hi)) {
        ids += slot.id();
      }
    }
    return ids;
  }
}
