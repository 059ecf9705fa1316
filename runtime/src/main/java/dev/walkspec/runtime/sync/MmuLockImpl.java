package dev.walkspec.runtime.sync;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.LockKind;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MmuLock;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.trace.WorldEventSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apiguardian.api.API;

/**
 * The MMU lock with owner tracking and lockdep-style checks. In production it blocks on a
 * java.util.concurrent lock; in exploration mode it only ever try-locks and reports a failed
 * attempt to the scheduler as "blocked on mmu_lock held by X".
 */
@API(status = INTERNAL)
public final class MmuLockImpl implements MmuLock, Shared {
  private final LockKind kind;
  private final Scheduler sched;
  private final boolean cooperative;
  private final WorldEventSink events;
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  private final ReentrantLock spin = new ReentrantLock();
  private volatile Actor owner;
  private final List<Actor> readers = Collections.synchronizedList(new ArrayList<>());

  public MmuLockImpl(LockKind kind, Scheduler sched, WorldEventSink events) {
    this.kind = kind;
    this.sched = sched;
    this.cooperative = sched.cooperative();
    this.events = events;
  }

  @Override
  public String sharedName() {
    return "mmu_lock";
  }

  @Override
  public LockKind kind() {
    return kind;
  }

  @Override
  public void lockWrite() {
    acquire(LockMode.WRITE);
  }

  @Override
  public void unlockWrite() {
    release(LockMode.WRITE);
  }

  @Override
  public void lockRead() {
    acquire(LockMode.READ);
  }

  @Override
  public void unlockRead() {
    release(LockMode.READ);
  }

  @Override
  public void lock() {
    acquire(LockMode.SPIN);
  }

  @Override
  public void unlock() {
    release(LockMode.SPIN);
  }

  @Override
  public void acquire(LockMode mode) {
    Actor me = Actor.current();
    requireSupported(mode, "take");
    if (me.inLocklessHandler()) {
      if (mode != LockMode.READ) {
        throw new RuleViolation(
            "H1",
            "actor '"
                + me.name()
                + "' takes the MMU lock ("
                + mode.render()
                + ") inside a lockless handler call; a lockless handler may take it for read"
                + " only, never exclusively");
      }
      // H1 allows it (s390's age handlers do so), but it gives up what lockless aging is for:
      // counted for the report's advisory notes, not an obligation failure.
      locklessReadTakes.incrementAndGet();
    }
    LockMode held = me.heldMode(this, 0);
    if (held != null) {
      throw new RuleViolation(
          "H1",
          "actor '"
              + me.name()
              + "' takes the MMU lock ("
              + mode.render()
              + ") while already holding it ("
              + held.render()
              + "); the lock is not recursive, this would deadlock");
    }
    sched.yieldPoint(lockOp(mode), this, -1);
    if (cooperative) {
      int attempt = 0;
      while (!tryAcquire(mode)) {
        sched.block(blocked(mode), attempt++);
      }
    } else {
      acquireBlocking(mode);
    }
    if (mode.exclusive()) {
      owner = me;
    } else if (cooperative) {
      readers.add(me);
    }
    me.acquired(this, 0, mode);
    if (events.enabled()) {
      events.emit(new WorldEvent.LockChange(me.name(), mode, true));
    }
  }

  @Override
  public void release(LockMode mode) {
    Actor me = Actor.current();
    requireSupported(mode, "release");
    LockMode held = me.heldMode(this, 0);
    if (held != mode) {
      throw new RuleViolation(
          "H2",
          "actor '"
              + me.name()
              + "' releases the MMU lock ("
              + mode.render()
              + ") but "
              + (held == null ? "does not hold it" + holderInfo() : "holds it " + modeText(held)));
    }
    sched.yieldPoint(unlockOp(mode), this, -1);
    me.released(this, 0);
    if (mode.exclusive()) {
      owner = null;
    } else if (cooperative) {
      readers.remove(me);
    }
    switch (mode) {
      case WRITE -> rw.writeLock().unlock();
      case READ -> rw.readLock().unlock();
      case SPIN -> spin.unlock();
    }
    if (events.enabled()) {
      events.emit(new WorldEvent.LockChange(me.name(), mode, false));
    }
  }

  private final AtomicLong locklessReadTakes = new AtomicLong();

  /**
   * How often a lockless handler took this lock for read (H1 allows it; an advisory: the walk
   * skipped the lock only for the handler to take it).
   */
  public long locklessReadTakes() {
    return locklessReadTakes.get();
  }

  @Override
  public LockMode heldMode() {
    return Actor.current().heldMode(this, 0);
  }

  /** The actor holding the lock exclusively, or null. */
  public Actor owner() {
    return owner;
  }

  @Override
  public void assertHeldWrite(String rule, String what) {
    LockMode held = heldMode();
    if (held != kind.exclusiveMode()) {
      fail(rule, what + " requires the MMU lock held " + modeText(kind.exclusiveMode()), held);
    }
  }

  @Override
  public void assertHeldRead(String rule, String what) {
    LockMode held = heldMode();
    if (held != LockMode.READ) {
      fail(rule, what + " requires the MMU lock held for read", held);
    }
  }

  @Override
  public void assertHeld(String rule, String what) {
    LockMode held = heldMode();
    if (held == null) {
      fail(rule, what + " requires the MMU lock held", null);
    }
  }

  @Override
  public void assertNotHeld(String rule, String what) {
    LockMode held = heldMode();
    if (held != null) {
      fail(rule, what + " must run without the MMU lock", held);
    }
  }

  private void fail(String rule, String requirement, LockMode held) {
    Actor me = Actor.current();
    String state;
    if (held != null) {
      state = "holds it " + modeText(held);
    } else if (me.heldCount() == 0) {
      state = "holds nothing";
    } else {
      state = "does not hold it (holds " + me.describeHeld() + ")";
    }
    throw new RuleViolation(rule, requirement + ", but actor '" + me.name() + "' " + state);
  }

  private static String modeText(LockMode mode) {
    return switch (mode) {
      case WRITE -> "for write";
      case READ -> "for read";
      case SPIN -> "(spin)";
    };
  }

  private String holderInfo() {
    Actor writer = owner;
    if (writer != null) {
      return " (it is held " + modeText(kind.exclusiveMode()) + " by '" + writer.name() + "')";
    }
    int holds = rw.getReadLockCount();
    return holds > 0 ? " (it is held for read " + holds + " time(s))" : " (nobody holds it)";
  }

  private void requireSupported(LockMode mode, String verb) {
    if (!kind.supports(mode)) {
      throw new RuleViolation(
          "W7",
          "cannot "
              + verb
              + " the MMU lock in mode "
              + mode.render()
              + ": on this arch profile it is a "
              + (kind == LockKind.RWLOCK
                  ? "reader/writer lock (use write or read)"
                  : "spinlock (use lock()/unlock())"));
    }
  }

  private static Op lockOp(LockMode mode) {
    return switch (mode) {
      case WRITE -> Op.LOCK_WRITE;
      case READ -> Op.LOCK_READ;
      case SPIN -> Op.LOCK_SPIN;
    };
  }

  private static Op unlockOp(LockMode mode) {
    return switch (mode) {
      case WRITE -> Op.UNLOCK_WRITE;
      case READ -> Op.UNLOCK_READ;
      case SPIN -> Op.UNLOCK_SPIN;
    };
  }

  /** Taking the lock in a mode it is not free for waits (see {@link #acquire}). */
  @Override
  public boolean wouldWait(Op op) {
    return switch (op) {
      case LOCK_WRITE -> !free(LockMode.WRITE);
      case LOCK_READ -> !free(LockMode.READ);
      case LOCK_SPIN -> !free(LockMode.SPIN);
      default -> false;
    };
  }

  private boolean tryAcquire(LockMode mode) {
    return switch (mode) {
      case WRITE -> rw.writeLock().tryLock();
      case READ -> rw.readLock().tryLock();
      case SPIN -> spin.tryLock();
    };
  }

  private void acquireBlocking(LockMode mode) {
    switch (mode) {
      case WRITE -> rw.writeLock().lock();
      case READ -> rw.readLock().lock();
      case SPIN -> spin.lock();
    }
  }

  private boolean free(LockMode mode) {
    return switch (mode) {
      case WRITE -> !rw.isWriteLocked() && rw.getReadLockCount() == 0;
      case READ -> !rw.isWriteLocked();
      case SPIN -> !spin.isLocked();
    };
  }

  private Blocked blocked(LockMode mode) {
    List<Actor> holders = new ArrayList<>();
    Actor writer = owner;
    if (writer != null) {
      holders.add(writer);
    }
    synchronized (readers) {
      holders.addAll(readers);
    }
    return new Blocked(lockOp(mode), this, holders, () -> free(mode));
  }
}
