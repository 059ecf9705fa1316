package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The MMU lock: a reader/writer lock or a spinlock depending on the arch profile. It is never
 * recursive. Every method checks its use against the calling actor and throws {@link RuleViolation}
 * on misuse (double lock, unlock by a non-owner, wrong mode, wrong kind).
 */
@API(status = STABLE)
public interface MmuLock {
  LockKind kind();

  void lockWrite();

  void unlockWrite();

  void lockRead();

  void unlockRead();

  /** Takes a spinlock-kind MMU lock. */
  void lock();

  /** Releases a spinlock-kind MMU lock. */
  void unlock();

  /** Takes the lock in {@code mode}, for code generated per lock mode. */
  void acquire(LockMode mode);

  /** Releases the lock held in {@code mode}. */
  void release(LockMode mode);

  /** The mode in which the calling actor holds the lock, or null. */
  LockMode heldMode();

  /** Fails unless the caller holds the lock exclusively (write, or spin on spinlock arches). */
  void assertHeldWrite(String rule, String what);

  /** Fails unless the caller holds the lock for read. */
  void assertHeldRead(String rule, String what);

  /** Fails unless the caller holds the lock in any mode. */
  void assertHeld(String rule, String what);

  /** Fails if the caller holds the lock in any mode. */
  void assertNotHeld(String rule, String what);

  default void assertHeldWrite(String rule) {
    assertHeldWrite(rule, "this operation");
  }

  default void assertHeldRead(String rule) {
    assertHeldRead(rule, "this operation");
  }

  default void assertHeld(String rule) {
    assertHeld(rule, "this operation");
  }

  default void assertNotHeld(String rule) {
    assertNotHeld(rule, "this operation");
  }
}
