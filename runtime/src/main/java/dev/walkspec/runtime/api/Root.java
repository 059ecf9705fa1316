package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** One page-table root of an address space. Invalid roots still hold mappings until zapped. */
@API(status = STABLE)
public interface Root {
  int id();

  int addressSpace();

  boolean valid();

  /**
   * Whether this is a nested stage-2 table (arm64 nested virtualization): it maps an L2 guest's
   * IPAs, not this address space's gfns, so a gfn range does not say which of its entries map the
   * range; an unmap drops it whole, as the kernel's does (H9, H10). Default: not nested.
   */
  default boolean nested() {
    return false;
  }

  /**
   * Whether this is a mirror root: in a VM with mirrored TDP (an x86 TDX guest) the roots that
   * mirror the private (S-EPT) tables, beside the direct roots that map shared memory. Which of the
   * two kinds a gfn range concerns follows from its attr_filter ({@link RootTypes}). Default: a
   * direct root, the only kind in every other VM.
   */
  default boolean mirror() {
    return false;
  }

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
