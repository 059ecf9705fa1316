package dev.walkspec.suite;

import dev.walkspec.check.Binding;
import dev.walkspec.model.Constants;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Value;
import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.world.World;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One handler call of a one-call property, in the context the spec gives the operation on the
 * profile (W2, W7: SRCU held; lockless, or the MMU lock in the realized mode), within a budget of
 * steps, allocation and time, against racing hardware or with a task waiting for the lock where the
 * judge asks for it; the tables are snapshotted before and after.
 */
final class CheckedCall {
  /** How the call ended. */
  sealed interface Outcome permits Returned, Threw, Hung {}

  /** It returned: what the judges read. */
  record Returned(TableJudges.Call call) implements Outcome {}

  /** It threw (a {@link dev.walkspec.runtime.api.RuleViolation} names the rule it broke). */
  record Threw(Throwable thrown) implements Outcome {}

  /** It never returned within its time budget and was abandoned. */
  record Hung(String why) implements Outcome {}

  private final Binding binding;
  private final Supplier<? extends GfnHandler> handlers;
  private final Set<Judges.Condition> conditions;

  CheckedCall(
      Binding binding, Supplier<? extends GfnHandler> handlers, Set<Judges.Condition> conditions) {
    this.binding = binding;
    this.handlers = handlers;
    this.conditions = conditions;
  }

  Outcome run(HandlerState state) {
    boolean lockless = binding.fixedFlags().getOrDefault("lockless", false);
    RacingHardware racing = new RacingHardware(RuntimeProfiles.of(binding.profile()).codec());
    boolean raced = conditions.contains(Judges.Condition.RACING_HARDWARE);
    CallBudget budget = new CallBudget(raced ? racing : Scheduler.production());
    HandlerWorld hw = HandlerWorld.build(binding.profile(), state, budget);
    World world = hw.world;
    PageTableSnapshot before = snapshot(world);
    long flushesBefore = world.tlbFlushes();
    // may_block as the operation fixes it, or (a param, C1) as the state has it.
    boolean mayBlock =
        binding.paramFlags().contains("may_block")
            ? state.mayBlock()
            : binding.fixedFlags().getOrDefault("may_block", false);
    world.mmuContext().setWaiter(conditions.contains(Judges.Condition.LOCK_WAITER));
    GfnRange range =
        new GfnRange(hw.slot, state.start(), state.end(), 0, AttrFilter.SHARED, mayBlock, lockless);
    boolean[] returned = new boolean[1];
    long[] unflushed = new long[1];
    Throwable thrown;
    try {
      thrown =
          BoundedCall.run(
              () -> {
                budget.arm();
                racing.arm(raced);
                try {
                  returned[0] = call(world, range);
                  unflushed[0] = world.mmuContext().unflushedZaps(Actor.current());
                } finally {
                  racing.arm(false);
                  budget.disarm();
                }
              });
    } catch (BoundedCall.Abandoned abandoned) {
      return new Hung(abandoned.getMessage());
    }
    if (thrown != null) {
      return new Threw(thrown);
    }
    // Flushed itself: a flush during the call, or zaps that keep TLBs coherent by themselves
    // (coherent_zap, s390), and no zap left for the walk's flush.
    boolean flushedItself =
        (world.tlbFlushes() > flushesBefore || binding.profile().coherentZap())
            && unflushed[0] == 0;
    return new Returned(
        new TableJudges.Call(
            kind(binding),
            0,
            state.start(),
            state.end(),
            lockless,
            returned[0],
            flushedItself,
            binding.fixedFlags().getOrDefault("flush_on_ret", false),
            before,
            snapshot(world),
            world.codec()));
  }

  /** The handler kind of a binding (age, test_age, unmap), "" if it has no handler slot. */
  static String kind(Binding binding) {
    return binding.handlerKind().orElse("");
  }

  /** The handler call the way the walk makes it (W2, W7): SRCU held, the lock as the spec says. */
  private boolean call(World world, GfnRange range) {
    Optional<LockMode> mode = range.lockless() ? Optional.empty() : lockMode(binding);
    int srcu = world.srcu().readLock();
    mode.ifPresent(m -> world.mmuLock().acquire(m));
    try {
      return world.callHandler(handlers.get(), range);
    } finally {
      mode.ifPresent(m -> world.mmuLock().release(m));
      world.srcu().readUnlock(srcu);
    }
  }

  static Optional<LockMode> lockMode(Binding binding) {
    Optional<Rule.Lock> lock = binding.walker().rule(Rule.Lock.class);
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    Value requested = new Evaluator(binding.environment()).eval(lock.get().mode());
    Value realized = binding.profile().realize(requested == null ? Constants.WRITE : requested);
    return Optional.of(LockMode.valueOf(realized.toString().toUpperCase(Locale.ROOT)));
  }

  private static PageTableSnapshot snapshot(World world) {
    PageTableSnapshot[] out = new PageTableSnapshot[1];
    world.withExclusiveLock(() -> out[0] = PageTableSnapshot.of(world));
    return out[0];
  }
}
