package dev.walkspec.bench.walker;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.generated.kvm.ClearYoungX86Walker;
import dev.walkspec.generated.kvm.InvalidateRangeStartX86Walker;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.trace.TraceSink;
import dev.walkspec.runtime.world.World;
import dev.walkspec.semantics.Interpreter;
import dev.walkspec.semantics.Scenario;
import dev.walkspec.semantics.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * walkers, the hand-written walker over the same runtime structures, and the reference interpreter,
 * on {@code slots} memslots with a range that hits none, one or all of them. Tracing is off for the
 * two compiled walkers (the interpreter's trace is its output). The handlers are trivial (return
 * false, touch nothing) and invalidate_range_start's on_lock callback is a no-op, so what is
 * measured is the walk itself: SRCU, slot selection, clipping, the gfn range per hit, the MMU lock
 * for the locked walk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WalkerBenchmark {
  /** Touches nothing: the benchmark measures the walk. */
  static final GfnHandler NOTHING = (kvm, range) -> false;

  /** No-op on_lock callback. */
  static final OnLockCallback NO_BEGIN = kvm -> {};

  @Param({"1", "8", "64", "512"})
  public int slots;

  @Param({"NONE", "ONE", "MANY"})
  public SlotLayout.Hit hit;

  private World world;
  private ClearYoungX86Walker generatedClearYoung;
  private InvalidateRangeStartX86Walker generatedInvalidate;
  private HandWrittenWalker handWritten;
  private List<MemSlot> layout;
  private long start;
  private long end;

  @Setup
  public void setUp() {
    world = World.builder(ArchProfile.X86).vcpus(0).build();
    layout = SlotLayout.slots(slots);
    for (MemSlot slot : layout) {
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

  /**
   * The reference interpreter on the canonical spec and the same layout, as scenarios; a state of
   * its own so that only the interpreter's benchmarks pay for checking the spec.
   */
  @State(Scope.Thread)
  public static class Interpreted {
    Interpreter interpreter;
    Scenario clearYoung;
    Scenario invalidate;

    @Setup
    public void setUp(WalkerBenchmark bench) {
      interpreter = new Interpreter(canonical());
      clearYoung = bench.scenario("clear_young", Map.of());
      invalidate = bench.scenario("invalidate_range_start", Map.of("may_block", Boolean.FALSE));
      int expected = 2 * bench.hit.calls(bench.slots);
      long calls = calls(interpreter.run(clearYoung)) + calls(interpreter.run(invalidate));
      if (calls != expected) {
        throw new IllegalStateException(
            "the interpreter made " + calls + " handler calls in 2 walks, expected " + expected);
      }
    }

    private static long calls(Trace trace) {
      return trace.lines().stream().filter(l -> l.startsWith("CALL")).count();
    }
  }

  /** The canonical spec, checked. */
  static CheckedSpec canonical() {
    CheckOutcome outcome = Pipeline.standard().check(BundledSpecs.file(BundledSpecs.CANONICAL));
    if (outcome.hasErrors()) {
      throw new IllegalStateException("the canonical spec does not check: " + outcome);
    }
    return outcome.checked();
  }

  Scenario scenario(String operation, Map<String, Boolean> flags) {
    List<Scenario.Slot> slotList = new ArrayList<>();
    for (MemSlot slot : layout) {
      slotList.add(
          new Scenario.Slot(slot.id(), slot.baseGfn(), slot.npages(), slot.userspaceAddr()));
    }
    return new Scenario(
        operation + "-" + slots + "-" + hit,
        "x86",
        Map.of(),
        Optional.of(operation),
        flags,
        true,
        false,
        start,
        end,
        List.of(new Scenario.AddressSpace(slotList)),
        List.of());
  }

  /** All walk the same slots: a benchmark that compared different work would be useless. */
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
  public WalkResult clearYoungGenerated() {
    return generatedClearYoung.walk(start, end);
  }

  @Benchmark
  public WalkResult clearYoungHandWritten() {
    return handWritten.clearYoung(start, end, NOTHING);
  }

  @Benchmark
  public Trace clearYoungInterpreter(Interpreted interpreted) {
    return interpreted.interpreter.run(interpreted.clearYoung);
  }

  @Benchmark
  public WalkResult invalidateRangeStartGenerated() {
    return generatedInvalidate.walk(start, end, false);
  }

  @Benchmark
  public WalkResult invalidateRangeStartHandWritten() {
    return handWritten.invalidateRangeStart(start, end, false, NOTHING, NO_BEGIN);
  }

  @Benchmark
  public Trace invalidateRangeStartInterpreter(Interpreted interpreted) {
    return interpreted.interpreter.run(interpreted.invalidate);
  }
}
