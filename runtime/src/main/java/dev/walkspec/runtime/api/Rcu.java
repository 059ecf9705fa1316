package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The RCU domain that keeps page-table pages alive for lockless readers (H3). */
@API(status = STABLE)
public interface Rcu {
  void readLock();

  void readUnlock();

  /** Waits for a grace period: every read section that began before the call has ended. */
  void synchronize();

  /** Runs {@code callback} some time after a grace period that starts now (deferred free). */
  void callAfterGracePeriod(Runnable callback);

  boolean inReadSection();

  /** Fails unless the caller is inside a read section. */
  void assertInReadSection(String rule, String what);
}
