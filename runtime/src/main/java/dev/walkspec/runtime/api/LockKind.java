package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What the MMU lock is on an arch profile: a reader/writer lock or a plain spinlock. */
@API(status = STABLE)
public enum LockKind {
  RWLOCK,
  SPINLOCK;

  /** The mode a walk takes (W7): write on rwlock arches, spin elsewhere. */
  public LockMode exclusiveMode() {
    return this == RWLOCK ? LockMode.WRITE : LockMode.SPIN;
  }

  /** Whether {@code mode} exists for this kind of lock. */
  public boolean supports(LockMode mode) {
    return this == RWLOCK ? mode != LockMode.SPIN : mode == LockMode.SPIN;
  }
}
