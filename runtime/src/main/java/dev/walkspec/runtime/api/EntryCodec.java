package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The bit layout of a 64-bit page-table entry on one arch. Levels count from the leaf: 1 maps 4
 * KiB, 2 maps 2 MiB, 3 maps 1 GiB. A non-leaf entry holds the id of its child table page.
 */
@API(status = STABLE)
public interface EntryCodec {
  String arch();

  boolean present(long entry);

  /** Whether a present entry at {@code level} maps memory (a page, or a huge page / block). */
  boolean isLeaf(long entry, int level);

  boolean writable(long entry);

  boolean accessed(long entry);

  boolean dirty(long entry);

  /** The host frame a leaf maps. */
  long frame(long entry);

  /** The child table page id of a present non-leaf entry. */
  long tableId(long entry);

  long accessedMask();

  long dirtyMask();

  long writableMask();

  /** A present leaf entry at {@code level}. */
  long leaf(long frame, int level, boolean writable, boolean accessed, boolean dirty);

  /** A present non-leaf entry pointing at table page {@code tableId}. */
  long table(long tableId);

  /**
   * Whether the MMU hardware sets Accessed and Dirty itself, atomically, on a guest access (x86,
   * arm64, riscv with Svadu), or leaves it to software that traps and sets them under the MMU lock
   * (LoongArch). Only in the first case is every present leaf subject to concurrent change.
   */
  default boolean hardwareAccessDirty() {
    return true;
  }

  /** The entry with its accessed state cleared. */
  default long clearAccessed(long entry) {
    return entry & ~accessedMask();
  }
}
