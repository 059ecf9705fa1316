package dev.walkspec.bench.walker;

import dev.walkspec.generated.kvm.ClearYoungX86Walker;
import dev.walkspec.generated.kvm.InvalidateRangeStartX86Walker;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.trace.TraceSink;
import dev.walkspec.runtime.world.World;
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
 * Benchmark 1: one walk of the generated x86 {@code clear_young} and {@code invalidate_range_start}
 * walkers and of the hand-written walker over the same runtime structures, on {@code slots}
 * memslots with a range that hits none, one or all of them ({@link InterpreterBenchmark} runs the
 * reference interpreter on the same layouts). Tracing is off. The handlers are trivial (return
 * false, touch nothing) and invalidate_range_start's on_lock callback is a no-op, so what is
 * measured is the walk itself: SRCU, slot selection, clipping, the gfn range per hit, the MMU lock
 * for the locked walk.
 *
 * <p>{@code walker} is the last parameter, so JMH runs the generated and the hand-written walker of
 * each layout one right after the other, each in its own fork: on a shared machine, load that comes
 * and goes then hits both sides of a comparison alike. In a fork only one branch of the benchmark
 * methods is ever taken, and the JIT compiles only that one. {@code benchmarks/run} runs the whole
 * benchmark in rounds of one fork each, so that the forks of the two walkers alternate ({@code
 * MergeForks}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WalkerBenchmark {
  /** Touches nothing: the benchmark measures the walk. */
  static final GfnHandler NOTHING = (kvm, range) -> false;

  /** No-op on_lock callback. */
  static final OnLockCallback NO_BEGIN = kvm -> {};

  /** Which walker. */
  public enum Walker {
    GENERATED,
    HAND_WRITTEN
  }

  @Param({"1", "8", "64", "512"})
  public int slots;

  @Param({"NONE", "ONE", "MANY"})
  public SlotLayout.Hit hit;

  @Param({"GENERATED", "HAND_WRITTEN"})
  public Walker walker;

  private World world;
  private ClearYoungX86Walker generatedClearYoung;
  private InvalidateRangeStartX86Walker generatedInvalidate;
  private HandWrittenWalker handWritten;
  private long start;
  private long end;

  @Setup
  public void setUp() {
    world = World.builder(ArchProfile.X86).vcpus(0).build();
    for (MemSlot slot : SlotLayout.slots(slots)) {
      world.createSlot(slot);
    }
    long[] range = SlotLayout.range(slots, hit);
    start = range[0];
    end = range[1];
    generatedClearYoung = new ClearYoungX86Walker(world, NOTHING, TraceSink.OFF);
    generatedInvalidate =
        new InvalidateRangeStartX86Walker(world, NOTHING, NO_BEGIN, TraceSink.OFF);
    handWritten = new HandWrittenWalker(world);
    checkSameCalls();
  }

  /** Both walk the same slots: a benchmark that compared different work would be useless. */
  private void checkSameCalls() {
    int expected = hit.calls(slots);
    int[] calls = new int[1];
    GfnHandler counting =
        (kvm, range) -> {
          calls[0]++;
          return false;
        };
    new ClearYoungX86Walker(world, counting, TraceSink.OFF).walk(start, end);
    new HandWrittenWalker(world).clearYoung(start, end, counting);
    new InvalidateRangeStartX86Walker(world, counting, NO_BEGIN, TraceSink.OFF)
        .walk(start, end, false);
    new HandWrittenWalker(world).invalidateRangeStart(start, end, false, counting, NO_BEGIN);
    if (calls[0] != 4 * expected) {
      throw new IllegalStateException(
          "walkers disagree on "
              + slots
              + " slots, "
              + hit
              + ": expected "
              + expected
              + " calls each, the walkers made "
              + calls[0]
              + " in 4 walks");
    }
  }

  @Benchmark
  public WalkResult clearYoung() {
    if (walker == Walker.GENERATED) {
      return generatedClearYoung.walk(start, end);
    }
    return handWritten.clearYoung(start, end, NOTHING);
  }

  @Benchmark
  public WalkResult invalidateRangeStart() {
    if (walker == Walker.GENERATED) {
      return generatedInvalidate.walk(start, end, false);
    }
    return handWritten.invalidateRangeStart(start, end, false, NOTHING, NO_BEGIN);
  }
}
