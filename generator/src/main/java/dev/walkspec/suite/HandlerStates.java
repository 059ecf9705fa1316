package dev.walkspec.suite;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of {@link HandlerState}s that stress what H6, H9, H10 and H11 are about: slots
 * that do not start on a huge-page boundary, ranges that start or end inside a 2 MiB mapping, many
 * roots including invalid ones, holes (non-present entries), neighbours. Everything shrinks: fewer
 * roots, fewer mappings, smaller slots.
 */
public final class HandlerStates {
  private static final int HUGE = 512;

  private HandlerStates() {}

  public static Arbitrary<HandlerState> states() {
    Arbitrary<Long> base =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 4).map(b -> b * HUGE),
            Arbitraries.longs().between(1, 4 * HUGE));
    Arbitrary<Long> pages = Arbitraries.longs().between(1, 3L * HUGE);
    Arbitrary<Long> neighbour = Arbitraries.longs().between(1, HUGE);
    Arbitrary<Integer> roots = Arbitraries.integers().between(1, 3);
    return Combinators.combine(base, pages, neighbour, roots)
        .flatAs((b, p, n, r) -> withMappings(b, p, n, r));
  }

  private static Arbitrary<HandlerState> withMappings(
      long base, long pages, long neighbour, int roots) {
    Arbitrary<List<Integer>> invalid =
        Arbitraries.integers().between(0, roots - 1).list().uniqueElements().ofMaxSize(roots - 1);
    Arbitrary<List<HandlerState.Mapping>> mappings =
        mapping(base, pages, neighbour, roots).list().ofMaxSize(48);
    Arbitrary<Long> start = Arbitraries.longs().between(base, base + pages - 1);
    return Combinators.combine(invalid, mappings, start)
        .flatAs(
            (inv, maps, s) ->
                Arbitraries.longs()
                    .between(s + 1, base + pages)
                    .map(
                        e ->
                            new HandlerState(
                                base, pages, neighbour, roots, inv, dedupe(maps), s, e)));
  }

  /**
   * A mapping inside the slot or its neighbour; 2 MiB only where the whole block fits in one slot.
   */
  private static Arbitrary<HandlerState.Mapping> mapping(
      long base, long pages, long neighbour, int roots) {
    long end = base + pages + neighbour;
    Arbitrary<Long> gfn = Arbitraries.longs().between(base, end - 1);
    Arbitrary<Boolean> huge = Arbitraries.of(false, false, true);
    return Combinators.combine(
            Arbitraries.integers().between(0, roots - 1),
            gfn,
            huge,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (root, g, h, a, d, w) -> {
              long block = g - Math.floorMod(g, HUGE);
              boolean fits = h && fitsOneSlot(block, base, pages, neighbour);
              return fits
                  ? new HandlerState.Mapping(root, block, 2, a, d, w)
                  : new HandlerState.Mapping(root, g, 1, a, d, w);
            });
  }

  private static boolean fitsOneSlot(long block, long base, long pages, long neighbour) {
    long slotEnd = base + pages;
    boolean inSlot = block >= base && block + HUGE <= slotEnd;
    boolean inNeighbour = block >= slotEnd && block + HUGE <= slotEnd + neighbour;
    return inSlot || inNeighbour;
  }

  /** Later mappings of a root win over earlier ones they overlap, as re-mapping does. */
  private static List<HandlerState.Mapping> dedupe(List<HandlerState.Mapping> mappings) {
    List<HandlerState.Mapping> kept = new ArrayList<>();
    for (HandlerState.Mapping m : mappings) {
      kept.removeIf(
          k ->
              k.root() == m.root()
                  && k.gfn() < m.gfn() + m.pages()
                  && m.gfn() < k.gfn() + k.pages());
      kept.add(m);
    }
    return kept;
  }
}
