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

  /** How reports show entry or sub-lock {@code index} of this object (default: the number). */
  default String renderIndex(long index) {
    return Long.toString(index);
  }
}
