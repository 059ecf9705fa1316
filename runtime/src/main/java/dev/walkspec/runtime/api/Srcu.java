package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The sleepable RCU domain that protects the memslot sets (W2). */
@API(status = STABLE)
public interface Srcu {
  /** Enters a read section; the returned index must be passed to the matching unlock. */
  int readLock();

  void readUnlock(int idx);

  /** Waits until every read section that began before the call has ended. */
  void synchronize();

  boolean inReadSection();

  /** Fails unless the caller is inside a read section. */
  void assertInReadSection(String rule, String what);
}
