package dev.walkspec.runtime.memslot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.SlotCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HvaIndexTest {

  @Property(tries = 200)
  void w4OverlappingMatchesANaiveScanInTreeOrder(
      @ForAll @IntRange(min = 0, max = 512) int count, @ForAll long seed) {
    Random random = new Random(seed);
    List<MemSlot> layout = randomLayout(count, random);
    SlotSet set = SlotSet.of(0, 1, layout);
    long hvaSpace =
        layout.stream().mapToLong(MemSlot::hvaEnd).max().orElse(Pages.SIZE) + Pages.SIZE;
    for (int query = 0; query < 20; query++) {
      long lo = (long) (random.nextDouble() * hvaSpace);
      long hi = lo + (long) (random.nextDouble() * random.nextDouble() * hvaSpace);
      assertThat(drain(set.overlapping(lo, hi)))
          .as("[%d, %d] over %d slots", lo, hi, count)
          .containsExactlyElementsOf(naive(layout, lo, hi));
    }
    assertThat(drain(set.all())).containsExactlyElementsOf(naive(layout, 0, Long.MAX_VALUE));
  }

  @Property(tries = 100)
  void lookupsByGfnAndIdMatchANaiveScan(
      @ForAll @IntRange(min = 0, max = 512) int count, @ForAll long seed) {
    Random random = new Random(seed);
    List<MemSlot> layout = randomLayout(count, random);
    SlotSet set = SlotSet.of(0, 1, layout);
    assertThat(set.count()).isEqualTo(count);
    long gfnSpace = layout.stream().mapToLong(MemSlot::gfnEnd).max().orElse(1) + 2;
    for (int query = 0; query < 50; query++) {
      long gfn = (long) (random.nextDouble() * gfnSpace);
      MemSlot expected =
          layout.stream().filter(slot -> slot.containsGfn(gfn)).findFirst().orElse(null);
      assertThat(set.byGfn(gfn)).isEqualTo(expected);
      int id = random.nextInt(3 * count + 3);
      assertThat(set.byId(id))
          .isEqualTo(layout.stream().filter(s -> s.id() == id).findFirst().orElse(null));
    }
  }

  @Test
  void aliasesInOneAddressSpaceAreAllVisitedInHvaThenIdOrder() {
    MemSlot a = new MemSlot(0, 9, 0, 16, 0x10000, 0);
    MemSlot b = new MemSlot(0, 2, 100, 16, 0x10000, 0);
    MemSlot c = new MemSlot(0, 5, 200, 4, 0x8000, 0);
    MemSlot far = new MemSlot(0, 1, 300, 1, 0x100000, 0);
    SlotSet set = SlotSet.of(0, 1, List.of(a, b, c, far));
    assertThat(drain(set.overlapping(0x10000, 0x10000))).containsExactly(b, a);
    assertThat(drain(set.overlapping(0xbfff, 0x10000))).containsExactly(c, b, a);
    assertThat(drain(set.overlapping(0x20000, 0xfffff))).isEmpty();
    assertThat(drain(set.overlapping(0xfffff, 0x100000))).containsExactly(far);
  }

  @Test
  void cursorAllowsEarlyExitAndFailsPastTheEnd() {
    SlotSet set =
        SlotSet.of(0, 1, List.of(new MemSlot(0, 1, 0, 1, 0, 0), new MemSlot(0, 2, 1, 1, 0, 0)));
    SlotCursor cursor = set.overlapping(0, 10);
    assertThat(cursor.next().id()).isEqualTo(1);
    SlotCursor single = set.overlapping(0, 0);
    single.next();
    single.next();
    assertThat(single.hasNext()).isFalse();
    assertThatThrownBy(single::next).isInstanceOf(NoSuchElementException.class);
    // An inverted (empty) range meets no slot, as the kernel's interval tree finds none: a walk
    // without the W1a guard may ask for one (V1).
    SlotCursor empty = set.overlapping(5, 4);
    assertThat(empty.hasNext()).isFalse();
    assertThatThrownBy(empty::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void invalidSetsNameTheOffendingSlots() {
    MemSlot first = new MemSlot(0, 1, 10, 10, 0, 0);
    assertThatThrownBy(() -> SlotSet.of(0, 1, List.of(first, new MemSlot(0, 2, 19, 5, 0, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gfn overlap in address space 0")
        .hasMessageContaining("slot 2 gfns [19,24) overlap slot 1 gfns [10,20)");
    assertThatThrownBy(() -> SlotSet.of(0, 1, List.of(first, new MemSlot(0, 1, 50, 5, 0, 0))))
        .hasMessageContaining("duplicate slot id 1");
    assertThatThrownBy(() -> SlotSet.of(1, 1, List.of(first)))
        .hasMessageContaining("slot 1 belongs to address space 0, not 1");
  }

  /** Slots with distinct ids and disjoint gfns whose hva ranges overlap heavily (aliases). */
  static List<MemSlot> randomLayout(int count, Random random) {
    long[] hvaSpaces = {16, 512, 1 << 20};
    long hvaPages = hvaSpaces[random.nextInt(hvaSpaces.length)];
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(i * 3 + random.nextInt(3));
    }
    Collections.shuffle(ids, random);
    List<MemSlot> slots = new ArrayList<>();
    long gfn = random.nextInt(8);
    for (int i = 0; i < count; i++) {
      long npages = 1 + random.nextInt(random.nextBoolean() ? 4 : 200);
      long hvaPage = (long) (random.nextDouble() * hvaPages);
      slots.add(new MemSlot(0, ids.get(i), gfn, npages, hvaPage << Pages.SHIFT, 0));
      gfn += npages + random.nextInt(3);
    }
    return slots;
  }

  static List<MemSlot> naive(List<MemSlot> layout, long lo, long hi) {
    return layout.stream()
        .filter(slot -> slot.intersectsHva(lo, hi))
        .sorted(Comparator.comparingLong(MemSlot::userspaceAddr).thenComparingInt(MemSlot::id))
        .collect(Collectors.toList());
  }

  static List<MemSlot> drain(SlotCursor cursor) {
    List<MemSlot> slots = new ArrayList<>();
    while (cursor.hasNext()) {
      slots.add(cursor.next());
    }
    return slots;
  }
}
