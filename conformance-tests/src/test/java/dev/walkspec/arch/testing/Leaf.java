package dev.walkspec.arch.testing;

import dev.walkspec.runtime.api.Pages;

/** One present leaf of a root, as a snapshot saw it. */
public record Leaf(int as, int root, boolean validRoot, long gfn, int level, long entry) {
  /** One past the last gfn the leaf maps. */
  public long end() {
    return gfn + Pages.pagesAt(level);
  }

  /** Whether the leaf maps a gfn of {@code [start, end)} in address space {@code space}. */
  public boolean meets(int space, long start, long endExclusive) {
    return as == space && gfn < endExclusive && start < end();
  }

  /** What identifies the leaf's position: address space, root, gfn and level. */
  public String key() {
    return as + "/" + root + "/" + gfn + "/" + level;
  }
}
