package dev.walkspec.runtime.sync;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.api.Srcu;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.trace.WorldEventSink;
import org.apiguardian.api.API;

/**
 * SRCU: protects the memslot sets (W2). Readers may sleep. The index returned by {@link
 * #readLock()} flips with each grace period and must be handed back to the matching unlock.
 */
@API(status = INTERNAL)
public final class SrcuDomain extends GraceDomain implements Srcu {
  private static final int MAX_NESTING = 63;

  private final SleepGuard guard;
  private volatile long gracePeriods;

  public SrcuDomain(Scheduler sched, WorldEventSink events, SleepGuard guard) {
    super("srcu", sched, events, Op.SRCU_ENTER, Op.SRCU_EXIT, Op.SRCU_SYNCHRONIZE);
    this.guard = guard;
  }

  @Override
  SleepGuard guard() {
    return guard;
  }

  @Override
  public int readLock() {
    ReaderRecord record = enter();
    if (record.nesting > MAX_NESTING) {
      record.nesting--;
      throw new IllegalStateException("srcu read sections nested deeper than " + MAX_NESTING);
    }
    int idx = (int) (gracePeriods & 1);
    record.indexBits = (record.indexBits << 1) | idx;
    return idx;
  }

  @Override
  public void readUnlock(int idx) {
    ReaderRecord record = checkedExitRecord();
    int expected = (int) (record.indexBits & 1);
    if (idx != expected) {
      throw new RuleViolation(
          "H2",
          "srcu_read_unlock("
              + idx
              + ") does not match index "
              + expected
              + " returned by the matching srcu_read_lock of actor '"
              + record.actor.name()
              + "'");
    }
    record.indexBits >>>= 1;
    exit(record);
  }

  @Override
  void gracePeriodEnded() {
    gracePeriods++;
  }
}
