package dev.walkspec.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class GfnRangeTest {
  private static final MemSlot SLOT = new MemSlot(0, 3, 100, 50, 0x10_0000, 0);

  @Test
  void badSlotsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> new MemSlot(0, 1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero-page slot");
    assertThatThrownBy(() -> new MemSlot(0, 1, 0, 1, 0x1001, 0))
        .hasMessageContaining("not page aligned");
    assertThatThrownBy(() -> new MemSlot(0, 1, Pages.MAX_GFN - 1, 2, 0, 0))
        .hasMessageContaining("leave the guest physical space");
    assertThatThrownBy(() -> new MemSlot(0, 1, 0, 16, (Long.MAX_VALUE - 8 * 4096L) & -4096L, 0))
        .hasMessageContaining("overflows");
    assertThatThrownBy(() -> new MemSlot(-1, 1, 0, 1, 0, 0)).hasMessageContaining("address space");
  }

  @Test
  void w6RangesMustBeNonEmptyAndInsideTheSlot() {
    assertThatThrownBy(() -> new GfnRange(SLOT, 120, 120, 0, AttrFilter.SHARED, false, false))
        .hasMessageContaining("W6: gfn range [120,120) is empty");
    assertThatThrownBy(() -> new GfnRange(SLOT, 99, 101, 0, AttrFilter.SHARED, false, false))
        .hasMessageContaining("outside slot 3 whose gfns are [100,150)");
    assertThatThrownBy(() -> new GfnRange(SLOT, 149, 151, 0, AttrFilter.SHARED, false, false))
        .hasMessageContaining("outside slot 3");
    assertThatThrownBy(() -> new GfnRange(null, 1, 2, 0, AttrFilter.SHARED, false, false))
        .hasMessageContaining("W6");
  }

  @Test
  void w6OneByteYieldsOnePageAndClippingUsesTheSlotBounds() {
    long hva = SLOT.userspaceAddr() + 5 * Pages.SIZE + 17;
    GfnRange one = GfnRange.forHva(SLOT, hva, hva + 1, 9, true, false);
    assertThat(one.start()).isEqualTo(105);
    assertThat(one.end()).isEqualTo(106);
    assertThat(one.attrFilter()).isEqualTo(AttrFilter.SHARED);
    assertThat(one.arg()).isEqualTo(9);
    GfnRange whole = GfnRange.forHva(SLOT, 0, Long.MAX_VALUE, 0, false, true);
    assertThat(whole.start()).isEqualTo(100);
    assertThat(whole.end()).isEqualTo(150);
    assertThat(whole.lockless()).isTrue();
    assertThatThrownBy(() -> GfnRange.forHva(SLOT, 0, SLOT.userspaceAddr(), 0, false, false))
        .hasMessageContaining("W5");
  }

  @Property(tries = 300)
  void w6GfnRangeIsExactlyThePagesTheClippedBytesTouch(
      @ForAll @LongRange(min = 0, max = 60 * 4096) long offset,
      @ForAll @LongRange(min = 1, max = 60 * 4096) long length) {
    long start = SLOT.userspaceAddr() - 5 * Pages.SIZE + offset;
    long end = start + length;
    long clippedStart = Math.max(start, SLOT.userspaceAddr());
    long clippedEnd = Math.min(end, SLOT.hvaEnd());
    if (clippedStart >= clippedEnd) {
      return;
    }
    GfnRange range = GfnRange.forHva(SLOT, start, end, 0, false, false);
    for (long gfn = SLOT.baseGfn(); gfn < SLOT.gfnEnd(); gfn++) {
      long pageStart = SLOT.gfnToHva(gfn);
      boolean touched = pageStart < clippedEnd && pageStart + Pages.SIZE > clippedStart;
      assertThat(range.contains(gfn)).as("gfn %d", gfn).isEqualTo(touched);
    }
  }
}
