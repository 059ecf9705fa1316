package dev.walkspec.arch.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.arch.x86.shadow.RmapStride;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two strides of the shadow MMU's aging walk, against hand-computed heads: the kernel's from
 * range.start (H9 finding) and the what-if fix's from block to block. A 2 MiB block (level 2) is
 * 512 pages, a 1 GiB block (level 3) 262144.
 */
class RmapStrideTest {
  /** The block starts whose heads a walk of [start, end) at {@code level} looks up, in order. */
  private static List<Long> heads(RmapStride stride, long start, long end, int level) {
    long pages = 1L << (9 * (level - 1));
    List<Long> out = new ArrayList<>();
    for (long gfn = start; gfn < end; gfn = stride.next(gfn, level)) {
      out.add(gfn - Math.floorMod(gfn, pages));
    }
    return out;
  }

  @Test
  void oneStepOfEach() {
    assertThat(RmapStride.FROM_START.next(500, 2)).isEqualTo(1012);
    assertThat(RmapStride.BLOCK_ALIGNED.next(500, 2)).isEqualTo(512);
    assertThat(RmapStride.FROM_START.next(500, 1)).isEqualTo(501);
    assertThat(RmapStride.BLOCK_ALIGNED.next(500, 1)).isEqualTo(501);
    assertThat(RmapStride.FROM_START.next(512, 2)).isEqualTo(1024);
    assertThat(RmapStride.BLOCK_ALIGNED.next(512, 2)).isEqualTo(1024);
    assertThat(RmapStride.FROM_START.next(500, 3)).isEqualTo(262644);
    assertThat(RmapStride.BLOCK_ALIGNED.next(500, 3)).isEqualTo(262144);
  }

  @Test
  void theKernelsStrideMissesTheBlockAt512ForTheRange500To520() {
    assertThat(heads(RmapStride.FROM_START, 500, 520, 2)).containsExactly(0L);
    assertThat(heads(RmapStride.BLOCK_ALIGNED, 500, 520, 2)).containsExactly(0L, 512L);
    assertThat(heads(RmapStride.FROM_START, 500, 1100, 2)).containsExactly(0L, 512L);
    assertThat(heads(RmapStride.BLOCK_ALIGNED, 500, 1100, 2)).containsExactly(0L, 512L, 1024L);
    assertThat(heads(RmapStride.FROM_START, 100, 1125, 2)).containsExactly(0L, 512L, 1024L);
    assertThat(heads(RmapStride.FROM_START, 500, 520, 1)).hasSize(20);
  }

  /**
   * The closed form, over many ranges at levels 2 and 3: the kernel's stride visits every block
   * meeting [start, end) (block(start) to block(end - 1)) but the last, which it misses exactly
   * when (end - 1) mod P &lt; start mod P; the what-if stride visits them all.
   */
  @Test
  void theKernelsStrideMissesExactlyTheLastBlockWhenTheEndsOffsetIsBelowTheStarts() {
    int missed = 0;
    for (int level = 2; level <= 3; level++) {
      long pages = 1L << (9 * (level - 1));
      for (long start = pages - 600; start < pages + 600; start += 7) {
        for (long end = start + 1; end < start + 1600; end += 5) {
          List<Long> meeting = new ArrayList<>();
          for (long b = start - Math.floorMod(start, pages); b < end; b += pages) {
            meeting.add(b);
          }
          boolean misses = Math.floorMod(end - 1, pages) < Math.floorMod(start, pages);
          List<Long> expected = misses ? meeting.subList(0, meeting.size() - 1) : meeting;
          String what = "[" + start + ", " + end + ") at level " + level;
          assertThat(heads(RmapStride.FROM_START, start, end, level)).as(what).isEqualTo(expected);
          assertThat(heads(RmapStride.BLOCK_ALIGNED, start, end, level))
              .as(what)
              .isEqualTo(meeting);
          missed += misses ? 1 : 0;
        }
      }
    }
    assertThat(missed).as("ranges that miss a block").isPositive();
  }
}
