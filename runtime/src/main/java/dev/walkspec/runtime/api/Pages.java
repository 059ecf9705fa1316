package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Page geometry shared by every arch profile: 4 KiB base pages and radix tables of 512 entries, so
 * a mapping at level 1 covers one page, at level 2 covers 2 MiB and at level 3 covers 1 GiB.
 */
@API(status = STABLE)
public final class Pages {
  /** log2 of the base page size. */
  public static final int SHIFT = 12;

  /** The base page size in bytes. */
  public static final long SIZE = 1L << SHIFT;

  /** Index bits per table level. */
  public static final int LEVEL_BITS = 9;

  /** Entries per table page. */
  public static final int ENTRIES = 1 << LEVEL_BITS;

  /** The deepest supported table (4 levels, 48-bit guest physical addresses). */
  public static final int MAX_LEVELS = 4;

  /** One past the largest gfn a 4-level table can map. */
  public static final long MAX_GFN = 1L << (LEVEL_BITS * MAX_LEVELS);

  private Pages() {}

  /** Base pages covered by one mapping at {@code level} (1 = a 4 KiB leaf). */
  public static long pagesAt(int level) {
    return 1L << (LEVEL_BITS * (level - 1));
  }

  /** {@code gfn} rounded down to the first page of the level-{@code level} block holding it. */
  public static long alignDown(long gfn, int level) {
    return gfn & -pagesAt(level);
  }

  /** The entry index of {@code gfn} inside a table page of the given level. */
  public static int indexAt(long gfn, int level) {
    return (int) ((gfn >>> (LEVEL_BITS * (level - 1))) & (ENTRIES - 1));
  }
}
