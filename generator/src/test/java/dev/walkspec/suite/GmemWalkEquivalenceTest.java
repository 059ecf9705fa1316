package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.explore.GmemInvalidation;
import dev.walkspec.runtime.explore.GmemInvalidation.FilterDecision;
import dev.walkspec.runtime.gmem.GuestMemfd;
import dev.walkspec.runtime.trace.TraceEvent;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.trace.WorldEventSink;
import dev.walkspec.runtime.world.World;
import dev.walkspec.semantics.Interpreter;
import dev.walkspec.semantics.Scenario;
import dev.walkspec.semantics.SmallScope;
import dev.walkspec.semantics.Specs;
import dev.walkspec.semantics.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The explored guest_memfd scenarios run the runtime's walk ({@link GmemInvalidation}, written
 * after the kernel's functions) rather than a generated one; this holds it to the spec's walk (G1-
 * G8): on every scenario of the small scope for C6 (begin) and C7 (end), the runtime's world events
 * (lock, invalidation begin or end, handler calls with their gfns and filter, flush, unlock) read
 * as a trace equal the interpreter's, line for line. The filter comes from the spec
 * (SpecGmemFilter).
 */
class GmemWalkEquivalenceTest {
  private static final List<String> PROFILES = List.of("x86_private", "arm64", "riscv");

  @Test
  void the_runtime_walk_is_the_canonical_spec_s_begin_and_end() {
    assertThat(compare("kvm.walk")).isGreaterThan(5_000);
  }

  @Test
  void the_runtime_walk_with_v8_s_filter_is_v8_s_begin_and_end() {
    assertThat(compare("v8-gmem-private-filter.walk")).isGreaterThan(5_000);
  }

  private static long compare(String specName) {
    CheckedSpec spec = Specs.bundled(specName);
    Interpreter interpreter = new Interpreter(spec);
    SmallScope scope = new SmallScope(spec);
    AtomicLong compared = new AtomicLong();
    for (String name : PROFILES) {
      ResolvedProfile profile = spec.profile(name).orElseThrow();
      FilterDecision filter = SpecGmemFilter.of(spec, profile).orElseThrow();
      for (String operation : List.of("C6", "C7")) {
        Binding binding = spec.binding(operation, name).orElseThrow();
        scope
            .operation(binding)
            .forEach(
                scenario -> {
                  Trace runtime = runtimeTrace(profile, scenario, operation.equals("C6"), filter);
                  assertThat(runtime.lines())
                      .as("%s %s on %s", specName, operation, scenario)
                      .isEqualTo(interpreter.run(scenario).lines());
                  compared.incrementAndGet();
                });
      }
    }
    System.out.printf(
        "gmem walk %s: the runtime's walk traced like the interpreter on %d scenarios%n",
        specName, compared.get());
    return compared.get();
  }

  /** Runs begin (C6) or end (C7) of the runtime's walk on the scenario's world and bindings. */
  private static Trace runtimeTrace(
      ResolvedProfile profile, Scenario scenario, boolean begin, FilterDecision filter) {
    List<TraceEvent> events = new ArrayList<>();
    World world =
        World.builder(RuntimeProfiles.of(profile)).worldEvents(new Recorder(events)).build();
    GuestMemfd gmem = world.createGuestMemfd(scenario.flags().getOrDefault("init_shared", false));
    Map<Integer, MemSlot> slots = new HashMap<>();
    for (int as = 0; as < scenario.addressSpaces().size(); as++) {
      for (Scenario.Slot s : scenario.addressSpaces().get(as).slots()) {
        MemSlot slot = new MemSlot(as, s.id(), s.baseGfn(), s.npages(), s.userspaceAddr(), 0);
        slots.put(s.id(), world.createSlot(slot));
      }
    }
    for (Scenario.GmemBinding b : scenario.gmem()) {
      gmem.bind(slots.get(b.slot()), b.pgoff());
    }
    events.clear();
    boolean[] ret = {false};
    int[] calls = {0};
    GfnHandler unmap =
        (kvm, range) -> {
          List<Long> results = scenario.handlerResults();
          boolean result = calls[0] < results.size() && results.get(calls[0]) != 0;
          calls[0]++;
          events.add(
              new TraceEvent.Call(
                  range.slot().addressSpace(),
                  range.slot().id(),
                  range.start(),
                  range.end(),
                  range.attrFilter().kernelName(),
                  Boolean.toString(result)));
          ret[0] |= result;
          return result;
        };
    boolean found;
    if (begin) {
      found = GmemInvalidation.begin(world, gmem, scenario.start(), scenario.end(), unmap, filter);
    } else {
      // The runtime holds begin and end to balance (C2): the end step follows a begin over the
      // same range (the file's invalidate lock keeps the bindings still between them), whose
      // events are not the end step's.
      GmemInvalidation.begin(
          world, gmem, scenario.start(), scenario.end(), (kvm, range) -> false, filter);
      events.clear();
      GmemInvalidation.end(world, gmem, scenario.start(), scenario.end());
      found = !events.isEmpty(); // the end step locks only where a binding lies in the range
    }
    events.add(new TraceEvent.Result(Boolean.toString(ret[0]), found));
    return new Trace(events);
  }

  /** Reads the world's events as trace lines: the lock, the invalidation's step, the flush. */
  private record Recorder(List<TraceEvent> events) implements WorldEventSink {
    @Override
    public void emit(WorldEvent event) {
      if (event instanceof WorldEvent.LockChange l) {
        events.add(l.acquired() ? new TraceEvent.Lock(l.mode()) : new TraceEvent.Unlock(l.mode()));
      } else if (event instanceof WorldEvent.Invalidate i && !i.change().equals("range")) {
        // kvm_mmu_invalidate_begin/_end, the walk's on_lock callback; "range" is the handler's
        // (kvm_mmu_unmap_gfn_range adds its range before the arch unmap)
        events.add(new TraceEvent.OnLock("invalidate_" + i.change()));
      } else if (event instanceof WorldEvent.TlbFlush) {
        events.add(new TraceEvent.Flush());
      }
    }

    @Override
    public boolean enabled() {
      return true;
    }
  }
}
