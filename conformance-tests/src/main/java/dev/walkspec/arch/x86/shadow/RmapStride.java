package dev.walkspec.arch.x86.shadow;

import dev.walkspec.runtime.api.Pages;

/**
 * How the shadow MMU's aging walk steps from one reverse-map head to the next within a level. The
 * head of gfn g at a level is the head of the block holding g, so a walk that looks up the head of
 * every gfn it steps to visits the blocks holding start, the next gfn, and so on.
 */
public enum RmapStride {
  /**
   * The kernel's (lockless rmap aging, v6.15 to v7.0; age and test_age alike): from range.start
   * itself in steps of the level's page count P. It visits the blocks holding start, start + P, up
   * to the last {@code start + kP} below end, one per step; the blocks meeting the range may be one
   * more. Precisely, it misses exactly one block, the one holding end - 1, when the offset of end -
   * 1 within its block is smaller than the offset of start within its block ({@code (end - 1) mod P
   * < start mod P}), and none otherwise. At 4 KiB (P = 1) it never misses; it can only miss at a
   * huge level, when start is not aligned to it and the range ends in a further block (H9).
   */
  FROM_START {
    @Override
    public long next(long gfn, int level) {
      return gfn + Pages.pagesAt(level);
    }
  },

  /**
   * Not the kernel's, a what-if fix: from block boundary to block boundary, so every block meeting
   * the range is visited whatever its ends (H9). The shadow MMU's unmap and write-protect walks
   * step so; the aging walk does not.
   */
  BLOCK_ALIGNED {
    @Override
    public long next(long gfn, int level) {
      return Pages.alignDown(gfn, level) + Pages.pagesAt(level);
    }
  };

  /** The gfn whose head the walk visits after the one of {@code gfn} at {@code level}. */
  public abstract long next(long gfn, int level);
}
