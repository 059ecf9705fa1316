package dev.walkspec.bench.walker;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.runtime.api.MemSlot;
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
 * Benchmark 1, the third side: the reference interpreter on the checked canonical spec, running the
 * walks of {@link WalkerBenchmark} as scenarios (same operations, layouts and ranges). The
 * interpreter resolves the scenario and records the trace on every run: that is its interface.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InterpreterBenchmark {
  @Param({"1", "8", "64", "512"})
  public int slots;

  @Param({"NONE", "ONE", "MANY"})
  public SlotLayout.Hit hit;

  private Interpreter interpreter;
  private Scenario clearYoung;
  private Scenario invalidate;

  @Setup
  public void setUp() {
    CheckOutcome outcome = Pipeline.standard().check(BundledSpecs.file(BundledSpecs.CANONICAL));
    if (outcome.hasErrors()) {
      throw new IllegalStateException("the canonical spec does not check: " + outcome);
    }
    CheckedSpec canonical = outcome.checked();
    interpreter = new Interpreter(canonical);
    clearYoung = scenario("clear_young", Map.of());
    invalidate = scenario("invalidate_range_start", Map.of("may_block", Boolean.FALSE));
    int expected = 2 * hit.calls(slots);
    long calls = calls(interpreter.run(clearYoung)) + calls(interpreter.run(invalidate));
    if (calls != expected) {
      throw new IllegalStateException(
          "the interpreter made " + calls + " handler calls in 2 walks, expected " + expected);
    }
  }

  private static long calls(Trace trace) {
    return trace.lines().stream().filter(l -> l.startsWith("CALL")).count();
  }

  private Scenario scenario(String operation, Map<String, Boolean> flags) {
    List<Scenario.Slot> slotList = new ArrayList<>();
    for (MemSlot slot : SlotLayout.slots(slots)) {
      slotList.add(
          new Scenario.Slot(slot.id(), slot.baseGfn(), slot.npages(), slot.userspaceAddr()));
    }
    long[] range = SlotLayout.range(slots, hit);
    return new Scenario(
        operation + "-" + slots + "-" + hit,
        "x86",
        Map.of(),
        Optional.of(operation),
        flags,
        true,
        false,
        range[0],
        range[1],
        List.of(new Scenario.AddressSpace(slotList)),
        List.of());
  }

  @Benchmark
  public Trace clearYoungInterpreter() {
    return interpreter.run(clearYoung);
  }

  @Benchmark
  public Trace invalidateRangeStartInterpreter() {
    return interpreter.run(invalidate);
  }
}
