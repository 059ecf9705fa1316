package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.api.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apiguardian.api.API;

/**
 * The ranges the mm side really passes to the aging notifiers, as a scenario class over {@link
 * HandlerState}s (issue 17 item 5): which kernel findings a range from mm can reach, and which need
 * a range that mm does not issue.
 *
 * <p>Each state keeps the page tables of a generated one but obeys KVM's rule for huge mappings (a
 * gfn block is mapped huge only where the memslot's gfn and hva agree modulo the block, and only
 * inside one slot), and its range is one of the {@link Shape}s, in hva terms: the slot's hva starts
 * on a 1 GiB boundary in {@link HandlerWorld}, so an hva block of the slot is the gfn block at the
 * same offset from the slot's base.
 */
@API(status = EXPERIMENTAL)
public final class MmRanges {
  private static final long PMD = Pages.pagesAt(2);

  private MmRanges() {}

  /** The range shapes of mm's callers. */
  public enum Shape {
    /** One page: a PTE-mapped page (folio_referenced_one, page_idle, DAMON, test_young). */
    ONE_PAGE("one page"),
    /** A PMD-mapped folio: one whole, hva-aligned 2 MiB block. */
    PMD_FOLIO("a PMD-mapped folio: an aligned 2 MiB block"),
    /**
     * The PTEs of one large folio batched in one call (v7.0's batched reference check in
     * folio_referenced_one): up to 512 pages from any page offset, within one page table (one 2
     * MiB-aligned hva block).
     */
    PTE_BATCH("the PTEs of a large folio within one page table, at any offset"),
    /**
     * DAMON's virtual-address sampling: one page or one PMD-mapped folio from the sampling address,
     * which is a random byte address, so that after the walk rounds it out (W6) the range is two
     * pages from any page, or 513 from any page.
     */
    DAMON_VADDR("DAMON's sampling of a page or a 2 MiB folio from an unaligned address");

    private final String text;

    Shape(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** {@code states} with KVM's huge-mapping rule applied and a range of one of {@code shapes}. */
  public static Arbitrary<HandlerState> of(Arbitrary<HandlerState> states, Set<Shape> shapes) {
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException("mm ranges need at least one shape");
    }
    return states.flatMap(s -> Arbitraries.of(List.copyOf(shapes)).flatMap(shape -> in(s, shape)));
  }

  private static Arbitrary<HandlerState> in(HandlerState s, Shape shape) {
    HandlerState aligned = hugeOnlyWhereKvmMapsHuge(s);
    long base = s.slotBase();
    long end = s.slotEnd();
    return switch (shape) {
      case ONE_PAGE ->
          Arbitraries.longs().between(base, end - 1).map(g -> ranged(aligned, g, g + 1));
      case PMD_FOLIO -> {
        List<Long> blocks = new ArrayList<>();
        for (long b = base; b + PMD <= end; b += PMD) {
          blocks.add(b);
        }
        yield blocks.isEmpty()
            ? in(s, Shape.ONE_PAGE)
            : Arbitraries.of(blocks).map(b -> ranged(aligned, b, b + PMD));
      }
      case DAMON_VADDR ->
          end - base < 2
              ? in(s, Shape.ONE_PAGE)
              : Combinators.combine(samplingPages(base, end), Arbitraries.of(2L, PMD + 1))
                  .as((start, pages) -> ranged(aligned, start, Math.min(end, start + pages)));
      case PTE_BATCH ->
          Arbitraries.longs()
              .between(base, end - 1)
              .flatMap(
                  start -> {
                    // The page table holding start: the hva block at start's offset in the slot.
                    long tableEnd = Math.min(end, base + ((start - base) / PMD + 1) * PMD);
                    return Arbitraries.longs()
                        .between(start + 1, tableEnd)
                        .map(e -> ranged(aligned, start, e));
                  });
    };
  }

  /**
   * The page of a sampling address: any page of the slot but its last, half of the time the last
   * page of a 2 MiB hva block, where a two-page range crosses into the next block (the draws would
   * otherwise hit that one page in 512 only rarely).
   */
  private static Arbitrary<Long> samplingPages(long base, long end) {
    List<Long> lastPages = new ArrayList<>();
    for (long b = base + PMD - 1; b < end - 1; b += PMD) {
      lastPages.add(b);
    }
    Arbitrary<Long> any = Arbitraries.longs().between(base, end - 2);
    return lastPages.isEmpty() ? any : Arbitraries.oneOf(any, Arbitraries.of(lastPages));
  }

  /**
   * The state with each huge mapping KVM would not make turned into a 4 KiB one at its first gfn: a
   * block mapped huge must lie in one slot, at a gfn whose offset from the slot's base is a
   * multiple of the block (gfn and hva agree modulo the block).
   */
  static HandlerState hugeOnlyWhereKvmMapsHuge(HandlerState s) {
    List<HandlerState.Mapping> out = new ArrayList<>();
    for (HandlerState.Mapping m : s.mappings()) {
      long pages = m.pages();
      boolean inSlot = m.gfn() >= s.slotBase() && m.gfn() + pages <= s.slotEnd();
      boolean inNeighbour =
          m.gfn() >= s.slotEnd() && m.gfn() + pages <= s.slotEnd() + s.neighbourPages();
      boolean agrees = Math.floorMod(m.gfn() - s.slotBase(), pages) == 0;
      if (m.level() == 1 || ((inSlot || inNeighbour) && agrees)) {
        out.add(m);
      } else {
        out.add(
            new HandlerState.Mapping(
                m.root(), m.gfn(), 1, m.accessed(), m.dirty(), m.writable(), m.shadow()));
      }
    }
    return s.withMappings(HandlerStates.dedupe(out));
  }

  private static HandlerState ranged(HandlerState s, long start, long end) {
    return s.withRange(start, end);
  }
}
