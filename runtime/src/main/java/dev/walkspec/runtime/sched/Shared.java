package dev.walkspec.runtime.sched;

/**
 * An object of the world that actors share (a table page, a lock, a grace-period domain, a TLB,
 * ...). Its name is stable for a given world build and schedule, so a schedule can be replayed.
 */
public interface Shared {
  String sharedName();

  /** How reports show entry or sub-lock {@code index} of this object (default: the number). */
  default String renderIndex(long index) {
    return Long.toString(index);
  }
}
