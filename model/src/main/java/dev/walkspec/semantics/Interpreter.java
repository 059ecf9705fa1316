package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Constants;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Value;
import dev.walkspec.model.Walker;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The reference semantics: runs a checked spec on a scenario and yields the event trace. It is the
 * oracle every generated walker and every transcription of the kernel is judged by, so it follows
 * the rules one by one, in the order the walk applies them, and nothing else.
 */
@API(status = INTERNAL)
public final class Interpreter {
  private final CheckedSpec checked;
  private final ScenarioResolver resolver;
  private final Map<Walker, Plan> plans = new IdentityHashMap<>();

  public Interpreter(CheckedSpec checked) {
    this.checked = checked;
    this.resolver = new ScenarioResolver(checked);
    checked.spec().walkers().forEach(w -> plans.put(w, Plan.of(w)));
  }

  public CheckedSpec spec() {
    return checked;
  }

  /** What the scenario fixes for the walk (flags, callbacks, inputs) on this spec. */
  public WalkSetup setup(Scenario scenario) {
    return resolver.resolve(scenario);
  }

  /** The trace of one scenario; a scenario that does not fit the spec throws ScenarioException. */
  public Trace run(Scenario scenario) {
    WalkSetup setup = resolver.resolve(scenario);
    Plan plan = plans.get(setup.walker());
    return new Run(plan != null ? plan : Plan.of(setup.walker()), setup, scenario).walk();
  }

  /**
   * A walker's rules, looked up once: they are the same for every scenario, and the differential
   * tests and walkspec diff run the interpreter on millions of scenarios.
   */
  private record Plan(
      List<Rule.Guard> guards,
      boolean srcu,
      Optional<Rule.Lock> lock,
      Optional<Rule.VisitSlots> visitSlots,
      Optional<Rule.VisitBindings> visitBindings,
      boolean byHva,
      Optional<Rule.GfnRange> gfnRange,
      Optional<Rule.Flush> flush,
      Optional<Rule.Unlock> unlock,
      Optional<Rule.NullHandler> nullHandler,
      Optional<Rule.Result> result,
      boolean intResults,
      boolean passesFilter,
      WalkerRoles roles) {
    static Plan of(Walker walker) {
      Optional<Rule.Result> result = walker.rule(Rule.Result.class);
      return new Plan(
          walker.guards(),
          walker.rule(Rule.Section.class).isPresent(),
          walker.rule(Rule.Lock.class),
          walker.rule(Rule.VisitSlots.class),
          walker.rule(Rule.VisitBindings.class),
          walker.overHva(),
          walker.rule(Rule.GfnRange.class),
          walker.rule(Rule.Flush.class),
          walker.rule(Rule.Unlock.class),
          walker.rule(Rule.NullHandler.class),
          result,
          result.filter(r -> r.combinator() == Rule.Combinator.INT_OR).isPresent(),
          walker
              .rule(Rule.Pass.class)
              .filter(p -> p.values().stream().anyMatch(v -> v.text().equals("attr_filter")))
              .isPresent(),
          WalkerRoles.of(walker));
    }
  }

  /** The state of one walk. */
  private static final class Run {
    private final Plan plan;
    private final WalkSetup setup;
    private final Scenario scenario;
    private final List<TraceEvent> events = new ArrayList<>();
    private final Map<String, Value> env = new HashMap<>();
    private final Evaluator evaluator = new Evaluator(env::get);
    private int calls;
    private boolean found;
    private long ret;
    private LockMode lockMode;
    private final String filter;

    Run(Plan plan, WalkSetup setup, Scenario scenario) {
      this.plan = plan;
      this.setup = setup;
      this.scenario = scenario;
      env.putAll(setup.config());
      setup.flags().forEach((flag, value) -> env.put(flag, Value.of(value)));
      WalkerRoles roles = plan.roles();
      env.put(roles.handlerSlot(), Value.of(setup.handler()));
      roles.onLockSlot().ifPresent(slot -> env.put(slot, Value.of(setup.onLock().isPresent())));
      env.put("start", Value.of(setup.start()));
      env.put("end", Value.of(setup.end()));
      env.put("arg", Value.of(setup.arg()));
      env.putAll(setup.otherInputs());
      this.filter = passedFilter();
      updateResultNames();
    }

    Trace walk() {
      for (Rule.Guard guard : plan.guards()) {
        if (evaluator.isTrue(guard.when())) { // W1: warn, return {false, false}, touch nothing
          events.add(new TraceEvent.Warn(guard.id().text()));
          return finish();
        }
      }
      boolean srcu = plan.srcu();
      if (srcu) {
        events.add(new TraceEvent.SrcuLock()); // W2
      }
      Optional<Rule.Lock> lock = plan.lock();
      if (lock.isPresent() && lock.get().point() == Rule.LockPoint.WALK_START) {
        lockUnlessLockless(lock.get());
      }
      boolean jumped =
          plan.visitBindings().isPresent() ? visitBindings(lock) : visitAddressSpaces(lock);
      Optional<Rule.Flush> flush = plan.flush();
      if (!jumped) {
        flush.filter(f -> f.placement() == Rule.Placement.BEFORE).ifPresent(this::flushIf);
      }
      plan.unlock().ifPresent(this::unlockIf); // W11
      if (!jumped) {
        flush.filter(f -> f.placement() == Rule.Placement.AFTER).ifPresent(this::flushIf);
      }
      if (srcu) {
        events.add(new TraceEvent.SrcuUnlock());
      }
      return finish();
    }

    /** W3-W9. Returns true when the walk jumped to the unlock (W8), skipping the flush. */
    private boolean visitAddressSpaces(Optional<Rule.Lock> lock) {
      Rule.VisitSlots visit = plan.visitSlots().orElseThrow();
      long low = evaluator.eval(visit.low()).asInt();
      long high = evaluator.eval(visit.high()).asInt();
      boolean byHva = plan.byHva();
      for (int as = 0; as < setup.profile().addressSpaces(); as++) {
        Scenario.AddressSpace space =
            as < scenario.addressSpaces().size()
                ? scenario.addressSpaces().get(as)
                : new Scenario.AddressSpace(List.of());
        List<Scenario.Slot> hits =
            byHva
                ? Layouts.overlapping(space, low, high)
                : Layouts.overlappingGfn(space, low, high);
        for (Scenario.Slot slot : hits) {
          Hit hit = firstHit(lock);
          if (hit == Hit.JUMP) {
            return true;
          }
          if (hit == Hit.BREAK) {
            break;
          }
          long[] gfns = byHva ? hvaGfns(slot) : clampGfns(slot);
          if (call(as, slot, gfns)) {
            return false;
          }
        }
      }
      return false;
    }

    /**
     * G1-G4: the guest_memfd walk, one loop over the file's bindings that meet the page-offset
     * range; each binding's gfns are its slot's pages whose file offsets lie in [start, end).
     */
    private boolean visitBindings(Optional<Rule.Lock> lock) {
      Rule.VisitBindings visit = plan.visitBindings().orElseThrow();
      long low = evaluator.eval(visit.low()).asInt();
      long high = evaluator.eval(visit.high()).asInt();
      for (Scenario.GmemBinding binding : Layouts.bindingsOverlapping(scenario, low, high)) {
        Map.Entry<Integer, Scenario.Slot> slot = scenario.slot(binding.slot()).orElseThrow();
        Hit hit = firstHit(lock);
        if (hit == Hit.JUMP) {
          return true;
        }
        if (hit == Hit.BREAK) {
          break;
        }
        if (call(slot.getKey(), slot.getValue(), pgoffGfns(slot.getValue(), binding.pgoff()))) {
          return false;
        }
      }
      return false;
    }

    /** What the walk does at a hit: go on to the call, or (null handler) leave a loop or both. */
    private enum Hit {
      CALL,
      JUMP,
      BREAK
    }

    /**
     * W7, W8: at the first hit of the whole walk, lock (unless lockless) and mind a null handler.
     */
    private Hit firstHit(Optional<Rule.Lock> lock) {
      if (found) {
        return Hit.CALL;
      }
      found = true; // W7: the first hit of the whole walk
      updateResultNames();
      if (lock.isPresent() && lock.get().point() == Rule.LockPoint.FIRST_HIT) {
        lockUnlessLockless(lock.get());
      }
      Optional<Rule.NullHandler> nullHandler = plan.nullHandler();
      if (!setup.handler() && nullHandler.isPresent()) {
        // W8 (v6.10+): straight to the unlock, no flush; V2: leaves the slot loop only, and the
        // next address space calls the stub
        return nullHandler.get().policy() == Rule.NullPolicy.JUMP_UNLOCK ? Hit.JUMP : Hit.BREAK;
      }
      return Hit.CALL;
    }

    /** W5, W6: clip the hva range to the slot, then the pages that overlap it (or round down). */
    private long[] hvaGfns(Scenario.Slot slot) {
      Rule.Rounding rounding = plan.gfnRange().orElseThrow().rounding();
      long hvaStart = Math.max(setup.start(), slot.userspaceAddr());
      long hvaEnd = Math.min(setup.end(), slot.hvaEnd());
      long gfnEnd =
          rounding == Rule.Rounding.ROUND_OUT
              ? hvaToGfn(hvaEnd + Scenario.PAGE_SIZE - 1, slot)
              : hvaToGfn(hvaEnd, slot);
      return new long[] {hvaToGfn(hvaStart, slot), gfnEnd};
    }

    /** W5 for a gfn range (the memory-attribute walk): clamp it to the slot's gfns. */
    private long[] clampGfns(Scenario.Slot slot) {
      return new long[] {
        Math.max(setup.start(), slot.baseGfn()),
        Math.min(setup.end(), slot.baseGfn() + slot.npages())
      };
    }

    /** G2: the slot's pages whose file offsets (from {@code pgoff}) lie in [start, end). */
    private long[] pgoffGfns(Scenario.Slot slot, long pgoff) {
      return new long[] {
        slot.baseGfn() + Math.max(pgoff, setup.start()) - pgoff,
        slot.baseGfn() + Math.min(pgoff + slot.npages(), setup.end()) - pgoff
      };
    }

    /** W9: one handler call. Returns true when the result ends the walk (V6, V7). */
    private boolean call(int as, Scenario.Slot slot, long[] gfns) {
      Rule.Result result = plan.result().orElseThrow();
      long r = calls < scenario.handlerResults().size() ? scenario.handlerResults().get(calls) : 0;
      calls++;
      boolean stop = false;
      if (plan.intResults()) {
        events.add(new TraceEvent.Call(as, slot.id(), gfns[0], gfns[1], filter, Long.toString(r)));
        if (r < 0) {
          ret = r; // V7: an error ends the walk and is what it returns
          stop = true;
        } else if (ret >= 0) {
          ret |= r;
        }
      } else {
        boolean young = r != 0;
        events.add(
            new TraceEvent.Call(as, slot.id(), gfns[0], gfns[1], filter, Boolean.toString(young)));
        ret = ret != 0 || young ? 1 : 0;
      }
      updateResultNames();
      return stop || result.stopWhen().map(evaluator::isTrue).orElse(false);
    }

    /**
     * G7: the attr_filter a call shows, where the walk passes one it was given (the guest_memfd
     * walk); the hva walk's is always KVM_FILTER_SHARED (W6) and not shown.
     */
    private String passedFilter() {
      Value value = env.get("attr_filter");
      return plan.passesFilter() && value instanceof Value.EnumValue e ? e.constant() : "";
    }

    private static long hvaToGfn(long hva, Scenario.Slot slot) {
      return slot.baseGfn() + Math.floorDiv(hva - slot.userspaceAddr(), Scenario.PAGE_SIZE);
    }

    /** W7: take the lock unless the walk is lockless, then run on_lock. */
    private void lockUnlessLockless(Rule.Lock lock) {
      if (lock.unless().map(evaluator::isTrue).orElse(false)) {
        return;
      }
      Value mode = setup.profile().realize(evaluator.eval(lock.mode()));
      lockMode = toLockMode(mode);
      events.add(new TraceEvent.Lock(lockMode));
      if (lock.onLock().isPresent() && setup.onLock().isPresent()) {
        events.add(new TraceEvent.OnLock(setup.onLock().get()));
      }
    }

    private void flushIf(Rule.Flush flush) {
      if (evaluator.isTrue(flush.when())) {
        events.add(new TraceEvent.Flush()); // W10: exactly once
      }
    }

    private void unlockIf(Rule.Unlock unlock) {
      if (evaluator.isTrue(unlock.when())) {
        LockMode mode = lockMode != null ? lockMode : lockRuleMode();
        events.add(new TraceEvent.Unlock(mode));
      }
    }

    /** The mode the lock rule would take; only reached when the checker's W7/W11 check passed. */
    private LockMode lockRuleMode() {
      Rule.Lock lock = plan.lock().orElseThrow();
      return toLockMode(setup.profile().realize(evaluator.eval(lock.mode())));
    }

    private static LockMode toLockMode(Value mode) {
      if (Constants.READ.equals(mode)) {
        return LockMode.READ;
      }
      return Constants.SPIN.equals(mode) ? LockMode.SPIN : LockMode.WRITE;
    }

    private void updateResultNames() {
      env.put("found_memslot", Value.of(found));
      env.put("ret", plan.intResults() ? Value.of(ret) : Value.of(ret != 0));
    }

    private Trace finish() {
      String shown = plan.intResults() ? Long.toString(ret) : Boolean.toString(ret != 0);
      events.add(new TraceEvent.Result(shown, found));
      return new Trace(events);
    }
  }
}
