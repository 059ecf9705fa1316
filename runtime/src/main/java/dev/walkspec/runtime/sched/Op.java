package dev.walkspec.runtime.sched;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** The kind of step an actor is about to take at a yield point. */
@API(status = INTERNAL)
public enum Op {
  LOAD(Access.READ),
  STORE(Access.WRITE),
  CAS(Access.WRITE),
  FETCH_AND(Access.WRITE),
  FETCH_OR(Access.WRITE),
  EXCHANGE(Access.WRITE),
  LOCK_WRITE(Access.WRITE),
  LOCK_READ(Access.SHARED),
  LOCK_SPIN(Access.WRITE),
  UNLOCK_WRITE(Access.WRITE),
  UNLOCK_READ(Access.SHARED),
  UNLOCK_SPIN(Access.WRITE),
  BIT_LOCK(Access.WRITE),
  BIT_UNLOCK(Access.WRITE),
  RCU_ENTER(Access.SHARED),
  RCU_EXIT(Access.SHARED),
  RCU_SYNCHRONIZE(Access.WRITE),
  RCU_CALLBACKS(Access.WRITE),
  SRCU_ENTER(Access.SHARED),
  SRCU_EXIT(Access.SHARED),
  SRCU_SYNCHRONIZE(Access.WRITE),
  TLB_LOOKUP(Access.READ),
  TLB_FILL(Access.WRITE),
  TLB_FLUSH(Access.WRITE),
  MEMSLOT_READ(Access.READ),
  MEMSLOT_PUBLISH(Access.WRITE),
  TABLE_FREE(Access.WRITE),
  RESCHED(Access.NONE);

  /** How a step touches its object, for telling independent steps apart. */
  public enum Access {
    /** Touches nothing shared (a pure scheduling point). */
    NONE,
    /** Reads only. */
    READ,
    /** Changes state but commutes with other SHARED steps of the same op family. */
    SHARED,
    /** Changes state. */
    WRITE
  }

  private final Access access;

  Op(Access access) {
    this.access = access;
  }

  public Access access() {
    return access;
  }

  /** Lower-case name for logs. */
  public String render() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether two steps commute, so that a partial-order reduction need not try both orders: steps on
   * different objects or different entries of one object, two reads, two read-lock operations, two
   * read-section enter/exit operations.
   */
  public static boolean independent(
      Op a, Shared targetA, long indexA, Op b, Shared targetB, long indexB) {
    if (a.access == Access.NONE || b.access == Access.NONE || targetA != targetB) {
      return true;
    }
    if (indexA >= 0 && indexB >= 0 && indexA != indexB) {
      return true;
    }
    if (a.access == Access.READ && b.access == Access.READ) {
      return true;
    }
    return a.access == Access.SHARED && b.access == Access.SHARED;
  }
}
