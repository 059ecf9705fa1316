package dev.walkspec.runtime.mmu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.Invalidation;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import dev.walkspec.runtime.sync.MmuLockImpl;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.trace.WorldEventSink;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The invalidation bookkeeping of C1/C2 and the fault retry check (H13). Updates need the MMU lock
 * held for write; faults read the sequence without it, so the fields are volatile and end()
 * publishes the new sequence before it lowers the in-progress count.
 */
@API(status = INTERNAL)
public final class InvalidationState implements Invalidation, Shared {
  private static final long NONE = -1;

  private final MmuLockImpl lock;
  private final Scheduler sched;
  private final WorldEventSink events;
  private final boolean trackInvalidators;
  private final List<Actor> invalidators = new ArrayList<>();
  private volatile int inProgress;
  private volatile long sequence;
  private volatile long rangeStart = NONE;
  private volatile long rangeEnd = NONE;

  public InvalidationState(MmuLockImpl lock, Scheduler sched) {
    this(lock, sched, WorldEventSink.OFF);
  }

  public InvalidationState(MmuLockImpl lock, Scheduler sched, WorldEventSink events) {
    this.lock = lock;
    this.sched = sched;
    this.events = events;
    this.trackInvalidators = sched.cooperative();
  }

  @Override
  public String sharedName() {
    return "mmu_invalidate";
  }

  @Override
  public void begin() {
    lock.assertHeldWrite("H1", "invalidate_begin");
    sched.yieldPoint(Op.STORE, this, -1);
    if (++inProgress == 1) {
      rangeStart = NONE;
      rangeEnd = NONE;
    }
    if (trackInvalidators) {
      synchronized (invalidators) {
        invalidators.add(Actor.current());
      }
    }
    if (events.enabled()) {
      events.emit(
          new WorldEvent.Invalidate(
              Actor.current().name(), "begin", NONE, NONE, inProgress, sequence));
    }
  }

  @Override
  public void addRange(long startGfn, long endGfn) {
    lock.assertHeldWrite("H1", "invalidate_range_add");
    if (startGfn < 0 || startGfn >= endGfn) {
      throw new IllegalArgumentException(
          "invalidate_range_add: gfn range [" + startGfn + "," + endGfn + ") is empty");
    }
    if (inProgress == 0) {
      throw new RuleViolation("C1", "invalidate_range_add outside invalidate_begin/end");
    }
    sched.yieldPoint(Op.STORE, this, -1);
    if (rangeStart == NONE) {
      rangeStart = startGfn;
      rangeEnd = endGfn;
    } else {
      rangeStart = Math.min(rangeStart, startGfn);
      rangeEnd = Math.max(rangeEnd, endGfn);
    }
    if (events.enabled()) {
      events.emit(
          new WorldEvent.Invalidate(
              Actor.current().name(), "range", startGfn, endGfn, inProgress, sequence));
    }
  }

  @Override
  public void end() {
    lock.assertHeldWrite("H1", "invalidate_end");
    if (inProgress == 0) {
      throw new RuleViolation("C2", "invalidate_end without a matching invalidate_begin");
    }
    if (rangeStart == NONE) {
      throw new RuleViolation(
          "C2", "invalidate_end, but no range was recorded since invalidate_begin");
    }
    sched.yieldPoint(Op.STORE, this, -1);
    sequence = sequence + 1;
    inProgress = inProgress - 1;
    if (trackInvalidators) {
      synchronized (invalidators) {
        if (!invalidators.remove(Actor.current()) && !invalidators.isEmpty()) {
          invalidators.remove(0);
        }
      }
    }
    if (events.enabled()) {
      events.emit(
          new WorldEvent.Invalidate(
              Actor.current().name(), "end", NONE, NONE, inProgress, sequence));
    }
  }

  @Override
  public int inProgress() {
    sched.yieldPoint(Op.LOAD, this, -1);
    return inProgress;
  }

  @Override
  public long sequence() {
    sched.yieldPoint(Op.LOAD, this, -1);
    long value = sequence;
    if (events.enabled()) {
      events.emit(new WorldEvent.SequenceRead(Actor.current().name(), value));
    }
    return value;
  }

  @Override
  public long rangeStart() {
    return rangeStart;
  }

  @Override
  public long rangeEnd() {
    return rangeEnd;
  }

  @Override
  public boolean retryNeeded(long sequenceSnapshot, long gfn) {
    sched.yieldPoint(Op.LOAD, this, -1);
    if (inProgress > 0 && gfn >= rangeStart && gfn < rangeEnd) {
      return true;
    }
    return sequence != sequenceSnapshot;
  }

  /** The in-progress count without a yield point, for scheduler conditions. */
  public int inProgressNow() {
    return inProgress;
  }

  /**
   * The actors whose invalidate_begin has no matching end yet (what a waiting fault waits for);
   * tracked only under an exploring scheduler, empty in production.
   */
  public List<Actor> invalidators() {
    synchronized (invalidators) {
      return List.copyOf(invalidators);
    }
  }
}
