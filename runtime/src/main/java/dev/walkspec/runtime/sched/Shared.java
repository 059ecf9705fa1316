package dev.walkspec.runtime.sched;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * An object of the world that actors share (a table page, a lock, a grace-period domain, a TLB,
 * ...). Its name is stable for a given world build and schedule, so a schedule can be replayed.
 */
@API(status = INTERNAL)
public interface Shared {
  String sharedName();

  /**
   * Whether an actor whose next step is {@code op} on this object would, if it took that step now,
   * only find it cannot go on and wait (a lock another actor holds). A scheduler need not switch to
   * such an actor: the switch would cost a preemption and change nothing but the actor's state from
   * about-to-wait to waiting. Default: never.
   */
  default boolean wouldWait(Op op) {
    return false;
  }

  /** How reports show entry or sub-lock {@code index} of this object (default: the number). */
  default String renderIndex(long index) {
    return Long.toString(index);
  }
}
