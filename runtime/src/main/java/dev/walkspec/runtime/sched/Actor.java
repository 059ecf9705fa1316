package dev.walkspec.runtime.sched;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.LockMode;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * A participant of the world (a vCPU, the aging thread, the invalidation thread, ...), bound to one
 * Java thread. Like lockdep's held-lock stack, it records the locks it holds; only its own thread
 * touches that record, so the bookkeeping needs no synchronisation.
 */
@API(status = INTERNAL)
public final class Actor {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final ThreadLocal<Actor> CURRENT =
      ThreadLocal.withInitial(() -> new Actor(Thread.currentThread().getName()));

  private final String name;
  private final int id;
  private Shared[] heldLocks = new Shared[4];
  private long[] heldKeys = new long[4];
  private LockMode[] heldModes = new LockMode[4];
  private int heldCount;
  private int nonBlockable;
  private Object[] localKeys = new Object[2];
  private ActorLocal[] localValues = new ActorLocal[2];
  private int localCount;

  private Actor(String name) {
    this.name = name;
    this.id = IDS.incrementAndGet();
  }

  /** The actor of the calling thread (named after the thread unless {@link #bind} was called). */
  public static Actor current() {
    return CURRENT.get();
  }

  /**
   * Gives the calling thread a fresh actor called {@code name}. The previous actor is abandoned
   * with whatever it held, as a thread that died would leave it; schedulers and tests bind each
   * actor thread once, before it touches the world.
   */
  public static Actor bind(String name) {
    Actor actor = new Actor(name);
    CURRENT.set(actor);
    return actor;
  }

  public String name() {
    return name;
  }

  /** Unique per JVM, for schedulers that key state by actor. */
  public int id() {
    return id;
  }

  /** Records that this actor took {@code lock} (sub-lock {@code key}) in {@code mode}. */
  public void acquired(Shared lock, long key, LockMode mode) {
    if (heldCount == heldLocks.length) {
      heldLocks = Arrays.copyOf(heldLocks, heldCount * 2);
      heldKeys = Arrays.copyOf(heldKeys, heldCount * 2);
      heldModes = Arrays.copyOf(heldModes, heldCount * 2);
    }
    heldLocks[heldCount] = lock;
    heldKeys[heldCount] = key;
    heldModes[heldCount] = mode;
    heldCount++;
  }

  /** Forgets the most recent acquisition of {@code lock}/{@code key}; false if none. */
  public boolean released(Shared lock, long key) {
    for (int i = heldCount - 1; i >= 0; i--) {
      if (heldLocks[i] == lock && heldKeys[i] == key) {
        System.arraycopy(heldLocks, i + 1, heldLocks, i, heldCount - i - 1);
        System.arraycopy(heldKeys, i + 1, heldKeys, i, heldCount - i - 1);
        System.arraycopy(heldModes, i + 1, heldModes, i, heldCount - i - 1);
        heldCount--;
        heldLocks[heldCount] = null;
        return true;
      }
    }
    return false;
  }

  /** The mode in which this actor holds {@code lock}/{@code key}, or null. */
  public LockMode heldMode(Shared lock, long key) {
    for (int i = heldCount - 1; i >= 0; i--) {
      if (heldLocks[i] == lock && heldKeys[i] == key) {
        return heldModes[i];
      }
    }
    return null;
  }

  /** Number of locks held (all of the world's locks spin: none may be held while sleeping). */
  public int heldCount() {
    return heldCount;
  }

  /** E.g. {@code "nothing"} or {@code "mmu_lock (write), rmap[slot 3] (spin)"}. */
  public String describeHeld() {
    if (heldCount == 0) {
      return "nothing";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < heldCount; i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(heldLocks[i].sharedName()).append(" (").append(heldModes[i].render());
      text.append(')');
    }
    return text.toString();
  }

  private int locklessHandler;

  /** Marks the actor as running a lockless handler: it may not take the MMU lock (H1). */
  public void enterLocklessHandler() {
    locklessHandler++;
  }

  public void exitLocklessHandler() {
    if (locklessHandler == 0) {
      throw new IllegalStateException("actor '" + name + "' is not running a lockless handler");
    }
    locklessHandler--;
  }

  public boolean inLocklessHandler() {
    return locklessHandler > 0;
  }

  /** Enters a context in which sleeping is forbidden (may_block false, lockless; H8). */
  public void enterNonBlockable() {
    nonBlockable++;
  }

  public void exitNonBlockable() {
    if (nonBlockable == 0) {
      throw new IllegalStateException("actor '" + name + "' is not in a non-blockable context");
    }
    nonBlockable--;
  }

  public boolean nonBlockable() {
    return nonBlockable > 0;
  }

  /** This actor's state for {@code key} (e.g. its reader record of an RCU domain), or null. */
  public ActorLocal local(Object key) {
    for (int i = 0; i < localCount; i++) {
      if (localKeys[i] == key) {
        return localValues[i];
      }
    }
    return null;
  }

  /** Attaches state for {@code key}; only the actor's own thread may call this. */
  public void putLocal(Object key, ActorLocal value) {
    if (localCount == localKeys.length) {
      localKeys = Arrays.copyOf(localKeys, localCount * 2);
      localValues = Arrays.copyOf(localValues, localCount * 2);
    }
    localKeys[localCount] = key;
    localValues[localCount] = value;
    localCount++;
  }

  /** Whether this actor is inside a read section or another context it must leave first. */
  public boolean busy() {
    if (heldCount > 0 || nonBlockable > 0) {
      return true;
    }
    for (int i = 0; i < localCount; i++) {
      if (localValues[i].busy()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "actor '" + name + "'";
  }
}
