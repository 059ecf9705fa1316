package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** One page-table root of an address space. Invalid roots still hold mappings until zapped. */
@API(status = STABLE)
public interface Root {
  int id();

  int addressSpace();

  boolean valid();

  int levels();

  /**
   * The present leaves intersecting {@code [startGfn, endGfn)}, in gfn order, including huge
   * mappings that start before {@code startGfn}. Needs the MMU lock or an RCU read section (H3).
   */
  EntryCursor walk(long startGfn, long endGfn);

  /** Zaps every leaf meeting the range; needs the lock exclusively. True if any was present. */
  boolean zapRange(long startGfn, long endGfn);

  /** Atomically clears Accessed on every leaf meeting the range (H4); true if any was young. */
  boolean ageRange(long startGfn, long endGfn);

  /** Whether any leaf meeting the range is young; changes nothing. */
  boolean testAgeRange(long startGfn, long endGfn);
}
