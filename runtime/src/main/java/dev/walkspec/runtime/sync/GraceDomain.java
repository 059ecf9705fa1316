package dev.walkspec.runtime.sync;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.trace.WorldEventSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiguardian.api.API;

/**
 * A read-copy-update domain: readers mark their sections in per-actor records; a grace period waits
 * until every reader that was inside a section when it began has left it. Entering and leaving cost
 * one volatile write; waiting is reported to the scheduler as blocked on the readers.
 */
@API(status = INTERNAL)
public abstract class GraceDomain implements Shared {
  private final String name;
  final Scheduler sched;
  private final WorldEventSink events;
  private final Op enterOp;
  private final Op exitOp;
  private final Op syncOp;
  private final CopyOnWriteArrayList<ReaderRecord> records = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final String synchronizeName;
  private final String barrierName;

  GraceDomain(
      String name, Scheduler sched, WorldEventSink events, Op enterOp, Op exitOp, Op syncOp) {
    this.name = name;
    this.sched = sched;
    this.events = events;
    this.enterOp = enterOp;
    this.exitOp = exitOp;
    this.syncOp = syncOp;
    this.synchronizeName = "synchronize_" + name;
    this.barrierName = name + "_barrier";
  }

  @Override
  public String sharedName() {
    return name;
  }

  /** The sleep check used before waiting for a grace period (H8). */
  abstract SleepGuard guard();

  final ReaderRecord record(Actor actor) {
    ReaderRecord record = (ReaderRecord) actor.local(this);
    if (record == null) {
      record = new ReaderRecord(actor);
      actor.putLocal(this, record);
      records.add(record);
    }
    return record;
  }

  final ReaderRecord enter() {
    ReaderRecord record = record(Actor.current());
    sched.yieldPoint(enterOp, this, -1);
    if (record.nesting++ == 0) {
      record.state = record.state + 1;
    }
    return record;
  }

  final ReaderRecord checkedExitRecord() {
    Actor me = Actor.current();
    ReaderRecord record = record(me);
    if (record.nesting == 0) {
      throw new RuleViolation(
          "H2", "actor '" + me.name() + "' leaves an " + name + " read section it is not in");
    }
    return record;
  }

  final void exit(ReaderRecord record) {
    sched.yieldPoint(exitOp, this, -1);
    if (--record.nesting == 0) {
      record.state = record.state + 1;
    }
  }

  /** Whether {@code actor} is inside a read section of this domain. */
  public final boolean inReadSection(Actor actor) {
    ReaderRecord record = (ReaderRecord) actor.local(this);
    return record != null && record.nesting > 0;
  }

  public boolean inReadSection() {
    return inReadSection(Actor.current());
  }

  /** Read-section depth of {@code actor} (for schedulers and invariant monitors). */
  public final int nesting(Actor actor) {
    ReaderRecord record = (ReaderRecord) actor.local(this);
    return record == null ? 0 : record.nesting;
  }

  /** Read-section depth of the calling actor. */
  public final int nesting() {
    ReaderRecord record = (ReaderRecord) Actor.current().local(this);
    return record == null ? 0 : record.nesting;
  }

  public void assertInReadSection(String rule, String what) {
    Actor me = Actor.current();
    if (!inReadSection(me)) {
      throw new RuleViolation(
          rule,
          what
              + " requires an "
              + name
              + " read section, but actor '"
              + me.name()
              + "' is not in one");
    }
  }

  /** Waits for a grace period, then runs the callbacks whose grace period has ended. */
  public void synchronize() {
    Actor me = Actor.current();
    if (inReadSection(me)) {
      throw new RuleViolation(
          "H8",
          "actor '"
              + me.name()
              + "' waits for an "
              + name
              + " grace period inside its own read section: self-deadlock");
    }
    guard().mightSleep(synchronizeName);
    sched.yieldPoint(syncOp, this, -1);
    await(snapshot());
    gracePeriodEnded();
    if (events.enabled()) {
      events.emit(new WorldEvent.GracePeriod(name));
    }
    runReadyCallbacks();
  }

  /** Hook for domains that track grace periods (SRCU flips its index). */
  void gracePeriodEnded() {}

  /** Queues {@code callback} to run after a grace period that starts now. */
  public void callAfterGracePeriod(Runnable callback) {
    Snapshot snapshot = snapshot();
    synchronized (pending) {
      pending.add(new Pending(snapshot, callback));
    }
    runReadyCallbacks();
  }

  /** Runs, in order, the queued callbacks whose grace period has ended. */
  public void runReadyCallbacks() {
    while (true) {
      Pending next;
      synchronized (pending) {
        next = pending.peek();
        if (next == null || !next.snapshot.passed()) {
          return;
        }
        pending.poll();
      }
      // No yield point of its own: a callback announces what it touches (a table page's poisoning
      // yields on that page), so it runs within the step that let its grace period end.
      next.callback.run();
    }
  }

  /** Waits until every queued callback's grace period has ended and runs them (rcu_barrier). */
  public void barrier() {
    guard().mightSleep(barrierName);
    List<Pending> queued;
    synchronized (pending) {
      queued = new ArrayList<>(pending);
    }
    for (Pending p : queued) {
      await(p.snapshot);
    }
    runReadyCallbacks();
  }

  public int pendingCallbacks() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private void await(Snapshot snapshot) {
    int attempt = 0;
    while (!snapshot.passed()) {
      sched.block(new Blocked(syncOp, this, snapshot.holders(), snapshot::passed), attempt++);
    }
  }

  private Snapshot snapshot() {
    List<ReaderRecord> inside = new ArrayList<>();
    List<Long> states = new ArrayList<>();
    for (ReaderRecord record : records) {
      long state = record.state;
      if ((state & 1) != 0) {
        inside.add(record);
        states.add(state);
      }
    }
    long[] seen = new long[states.size()];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = states.get(i);
    }
    return new Snapshot(inside.toArray(new ReaderRecord[0]), seen);
  }

  /** The readers a grace period waits for, with the section each was in. */
  private static final class Snapshot {
    private final ReaderRecord[] readers;
    private final long[] states;

    Snapshot(ReaderRecord[] readers, long[] states) {
      this.readers = readers;
      this.states = states;
    }

    boolean passed() {
      for (int i = 0; i < readers.length; i++) {
        if (readers[i].state == states[i]) {
          return false;
        }
      }
      return true;
    }

    List<Actor> holders() {
      List<Actor> holders = new ArrayList<>();
      for (int i = 0; i < readers.length; i++) {
        if (readers[i].state == states[i]) {
          holders.add(readers[i].actor);
        }
      }
      return holders;
    }
  }

  private record Pending(Snapshot snapshot, Runnable callback) {}
}
