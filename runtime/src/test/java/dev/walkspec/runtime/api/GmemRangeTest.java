package dev.walkspec.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The gfn range a guest_memfd invalidation of file pages [start, end) hands the handler for one
 * binding (W5, W6); expected values worked out by hand from base_gfn + max(pgoff, start) - pgoff
 * and base_gfn + min(pgoff + npages, end) - pgoff.
 */
class GmemRangeTest {
  /** 16 pages at gfn 0x100, bound at file pages [8, 24). */
  private static final MemSlot SLOT = new MemSlot(0, 2, 0x100, 16, 0x40_0000, 0);

  private static final GmemBinding BINDING = new GmemBinding(SLOT, 8);

  @Test
  void aRangeStartingBeforeTheBindingIsClippedToItsFirstPage() {
    GfnRange range = GfnRange.forGmem(BINDING, 4, 12, AttrFilter.SHARED);
    assertThat(range)
        .isEqualTo(new GfnRange(SLOT, 0x100, 0x104, 0, AttrFilter.SHARED, true, false));
  }

  @Test
  void aRangeInsideTheBindingMapsPageForPage() {
    GfnRange range = GfnRange.forGmem(BINDING, 10, 11, AttrFilter.PRIVATE);
    assertThat(range.start()).isEqualTo(0x102);
    assertThat(range.end()).isEqualTo(0x103);
    assertThat(range.attrFilter()).isEqualTo(AttrFilter.PRIVATE);
    assertThat(range.mayBlock()).isTrue();
    assertThat(range.lockless()).isFalse();
    assertThat(range.arg()).isZero();
  }

  @Test
  void aRangeEndingAfterTheBindingIsClippedToItsLastPage() {
    GfnRange range = GfnRange.forGmem(BINDING, 20, 100, AttrFilter.SHARED);
    assertThat(range.start()).isEqualTo(0x10c);
    assertThat(range.end()).isEqualTo(0x110);
  }

  @Test
  void theWholeFileCoversTheWholeSlot() {
    GfnRange range = GfnRange.forGmem(BINDING, 0, Long.MAX_VALUE, AttrFilter.SHARED);
    assertThat(range.start()).isEqualTo(0x100);
    assertThat(range.end()).isEqualTo(0x110);
  }

  @Test
  void w5EmptyOrDisjointPageRangesAreRefused() {
    assertThatThrownBy(() -> GfnRange.forGmem(BINDING, 12, 12, AttrFilter.SHARED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("W5: file page range [12,12) is empty: start must be below end");
    assertThatThrownBy(() -> GfnRange.forGmem(BINDING, 0, 8, AttrFilter.SHARED))
        .hasMessage(
            "W5: file page range [0,8) does not meet the binding of slot 2 at file pages [8,24)");
    assertThatThrownBy(() -> GfnRange.forGmem(BINDING, 24, 30, AttrFilter.SHARED))
        .hasMessageContaining("[24,30) does not meet");
  }

  @Test
  void bindingsRefuseNegativeOffsetsAndKnowTheirGfns() {
    assertThatThrownBy(() -> new GmemBinding(SLOT, -1))
        .hasMessage("slot 2: gmem page offset -1 is negative or leaves no room for its 16 pages");
    assertThat(BINDING.gfnOf(8)).isEqualTo(0x100);
    assertThat(BINDING.gfnOf(23)).isEqualTo(0x10f);
    assertThatThrownBy(() -> BINDING.gfnOf(24))
        .hasMessage("file page 24 is not in the binding of slot 2 (pages [8,24))");
  }
}
