package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.arch.Mmus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apiguardian.api.API;

/**
 * jqwik generators of {@link HandlerState}s that stress what H6, H9, H10, H11 and H14 are about:
 * slots that do not start on a huge-page boundary, ranges that start or end inside a 2 MiB mapping,
 * 1 GiB leaves, runs of hundreds of young pages across a 1 GiB boundary, many roots including
 * invalid ones, holes (non-present entries), neighbours; and every VM the profile allows (TDP MMU
 * only, shadow pages only, or both with the same gfns mapped through each, young in one and old in
 * the other), so that no pass of a combined handler can hide another's bug. Everything shrinks:
 * towards a TDP-only VM, fewer roots, fewer mappings, smaller slots.
 */
@API(status = INTERNAL)
public final class HandlerStates {
  private static final int HUGE = 512;
  private static final long GIGA = 512L * 512;

  private HandlerStates() {}

  /**
   * States for a profile whose largest mapping is at {@code maxHugeLevel} (2: 2 MiB, 3: 1 GiB), in
   * each of the VMs {@code vms} (the first is where failures shrink to).
   */
  public static Arbitrary<HandlerState> states(int maxHugeLevel, List<Mmus> vms) {
    return inVms(tdpStates(maxHugeLevel), vms);
  }

  /**
   * States for H14 (bounded lock hold): each a run of 530 to 700 young 4K pages across a 1 GiB
   * boundary, enough for more than 512 zaps in two 1 GiB regions, in each of the VMs {@code vms}.
   */
  public static Arbitrary<HandlerState> longRanges(List<Mmus> vms) {
    return inVms(withMayBlock(longRuns(neighbours(), rootCounts())), vms);
  }

  private static Arbitrary<HandlerState> inVms(Arbitrary<HandlerState> tdp, List<Mmus> vms) {
    if (vms.isEmpty()) {
      throw new IllegalArgumentException("a handler state needs at least one kind of VM");
    }
    return tdp.flatMap(s -> Arbitraries.of(vms).flatMap(vm -> inVm(s, vm)));
  }

  private static Arbitrary<Long> neighbours() {
    return Arbitraries.longs().between(1, HUGE);
  }

  private static Arbitrary<Integer> rootCounts() {
    return Arbitraries.integers().between(1, 3);
  }

  /**
   * may_block is drawn for every state; a call uses it only where the operation leaves it to the
   * caller (C1), so handlers' yielding paths are checked too. Shrinks to false.
   */
  private static Arbitrary<HandlerState> withMayBlock(Arbitrary<HandlerState> states) {
    return states.flatMap(s -> Arbitraries.of(false, true).map(s::withMayBlock));
  }

  /**
   * A TDP-only state moved into {@code vm}: with shadow pages only, every mapping moves to a shadow
   * root (one per TDP root, up to two; shadow roots are never invalid); with both, each mapping
   * stays in its TDP root, moves to a shadow root, or is in both, there young in one structure and
   * old in the other or alike.
   */
  private static Arbitrary<HandlerState> inVm(HandlerState s, Mmus vm) {
    return switch (vm) {
      case TDP -> Arbitraries.just(s);
      case SHADOW -> {
        int shadowRoots = Math.min(s.roots(), 2);
        List<HandlerState.Mapping> moved =
            s.mappings().stream()
                .map(m -> m.inShadowRoot(m.root() % shadowRoots, m.accessed()))
                .toList();
        yield Arbitraries.just(s.inVm(vm, 0, List.of(), shadowRoots, dedupe(moved)));
      }
      case TDP_AND_SHADOW ->
          Combinators.combine(
                  Arbitraries.integers().between(1, 2),
                  Arbitraries.of(Through.values()).list().ofSize(s.mappings().size()))
              .as(
                  (shadowRoots, through) ->
                      s.inVm(
                          vm,
                          s.roots(),
                          s.invalidRoots(),
                          shadowRoots,
                          dedupe(split(s.mappings(), through, shadowRoots))));
    };
  }

  /** Which structures map a gfn in a VM with both. */
  private enum Through {
    TDP,
    SHADOW,
    BOTH_ALIKE,
    BOTH_YOUNG_IN_ONE
  }

  private static List<HandlerState.Mapping> split(
      List<HandlerState.Mapping> maps, List<Through> through, int shadowRoots) {
    List<HandlerState.Mapping> out = new ArrayList<>();
    for (int i = 0; i < maps.size(); i++) {
      HandlerState.Mapping m = maps.get(i);
      int shadowRoot = m.root() % shadowRoots;
      switch (through.get(i)) {
        case TDP -> out.add(m);
        case SHADOW -> out.add(m.inShadowRoot(shadowRoot, m.accessed()));
        case BOTH_ALIKE -> {
          out.add(m);
          out.add(m.inShadowRoot(shadowRoot, m.accessed()));
        }
        case BOTH_YOUNG_IN_ONE -> {
          out.add(m);
          out.add(m.inShadowRoot(shadowRoot, !m.accessed()));
        }
      }
    }
    return out;
  }

  private static Arbitrary<HandlerState> tdpStates(int maxHugeLevel) {
    // Slots at small gfns, aligned or not, and slots just below a 1 GiB boundary, so that ranges
    // can cross one (handlers that work in 1 GiB chunks, arm64's unmap, yield between them).
    Arbitrary<Long> base =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 4).map(b -> b * HUGE),
            Arbitraries.longs().between(1, 4 * HUGE),
            Arbitraries.longs().between(1, 2 * HUGE).map(k -> GIGA - k));
    Arbitrary<Long> pages = Arbitraries.longs().between(1, 3L * HUGE);
    Arbitrary<Long> neighbour = neighbours();
    Arbitrary<Integer> roots = rootCounts();
    Arbitrary<HandlerState> any =
        Combinators.combine(base, pages, neighbour, roots)
            .flatAs((b, p, n, r) -> withMappings(b, p, n, r));
    // A quarter of the general states straddle a huge-page boundary with a whole block after it
    // (slots of more than two blocks always have one), so a stride bug (H9) shows within a few
    // dozen tries whatever the seed, not only when the general draw happens to make room for it.
    Arbitrary<Long> roomyPages = Arbitraries.longs().between(2L * HUGE + 1, 3L * HUGE);
    Arbitrary<HandlerState> straddling =
        Combinators.combine(base, roomyPages, neighbour, roots)
            .flatAs((b, p, n, r) -> straddling(b, p, n, r));
    List<Tuple.Tuple2<Integer, Arbitrary<HandlerState>>> families = new ArrayList<>();
    families.add(Tuple.of(6, any));
    families.add(Tuple.of(2, straddling));
    families.add(Tuple.of(1, longRuns(neighbour, roots)));
    if (maxHugeLevel >= 3) {
      families.add(Tuple.of(1, gigantic(neighbour, roots)));
    }
    return withMayBlock(Arbitraries.frequencyOf(families));
  }

  /**
   * A run of 530 to 700 young 4K pages across a 1 GiB boundary, from the range's start: enough
   * leaves for handlers that yield every few dozen to yield several times, and more than H14 lets a
   * handler zap in two 1 GiB regions without offering the lock to a waiter.
   */
  private static Arbitrary<HandlerState> longRuns(
      Arbitrary<Long> neighbour, Arbitrary<Integer> roots) {
    Arbitrary<Long> below = Arbitraries.longs().between(300, 700);
    return Combinators.combine(below, neighbour, roots)
        .flatAs(
            (a, n, r) ->
                Combinators.combine(
                        Arbitraries.longs().between(a + 700, a + 1000),
                        Arbitraries.longs().between(1, Math.min(a, 400)),
                        Arbitraries.integers().between(530, 700),
                        invalidRoots(r))
                    .flatAs(
                        (p, back, run, inv) -> {
                          long base = GIGA - a;
                          long start = GIGA - back;
                          return Combinators.combine(
                                  mappings(base, p, n, r),
                                  Arbitraries.longs().between(start + run, base + p))
                              .as(
                                  (maps, end) -> {
                                    List<HandlerState.Mapping> all = new ArrayList<>(maps);
                                    for (long g = start; g < start + run; g++) {
                                      all.add(new HandlerState.Mapping(0, g, 1, true, true, true));
                                    }
                                    return new HandlerState(
                                        base, p, n, r, inv, dedupe(all), start, end);
                                  });
                        }));
  }

  /**
   * A slot holding a whole 1 GiB block, mapped by a 1 GiB leaf in the first root, with a short
   * range across the block's start or end, or inside it, and 4K and 2 MiB mappings around the
   * range. What a handler that stops one level short of the profile's largest mapping misses (H9).
   */
  private static Arbitrary<HandlerState> gigantic(
      Arbitrary<Long> neighbour, Arbitrary<Integer> roots) {
    Arbitrary<Long> below = Arbitraries.longs().between(0, 600);
    Arbitrary<Long> above = Arbitraries.longs().between(0, 600);
    return Combinators.combine(below, above, neighbour, roots)
        .flatAs(
            (a, b, n, r) -> {
              long base = GIGA - a;
              long pages = a + GIGA + b;
              Arbitrary<Long> from =
                  Arbitraries.oneOf(
                      Arbitraries.longs().between(GIGA - Math.min(a, 256), GIGA),
                      Arbitraries.longs().between(GIGA + 1, 2 * GIGA - 256),
                      Arbitraries.longs().between(2 * GIGA - 256, 2 * GIGA - 1));
              return Combinators.combine(
                      from,
                      Arbitraries.integers().between(1, 256),
                      invalidRoots(r),
                      Arbitraries.of(true, false))
                  .flatAs(
                      (s, len, inv, young) -> {
                        long e = Math.min(s + len, base + pages);
                        long window = Math.max(base, s - HUGE);
                        long windowPages = Math.min(base + pages, e + HUGE) - window;
                        return mappings(window, windowPages, 0, r)
                            .map(
                                maps -> {
                                  List<HandlerState.Mapping> all = new ArrayList<>(maps);
                                  all.add(new HandlerState.Mapping(0, GIGA, 3, young, young, true));
                                  return new HandlerState(
                                      base, pages, n, r, inv, dedupe(all), s, e);
                                });
                      });
            });
  }

  private static Arbitrary<HandlerState> straddling(
      long base, long pages, long neighbour, int roots) {
    List<Long> roomy = roomy(boundaries(base, pages), base, pages);
    return Combinators.combine(invalidRoots(roots), mappings(base, pages, neighbour, roots))
        .flatAs(
            (inv, maps) ->
                Arbitraries.of(roomy)
                    .flatMap(b -> across(base, pages, neighbour, roots, inv, maps, b)));
  }

  /** The huge-page boundaries strictly inside the slot [base, base + pages), in order. */
  private static List<Long> boundaries(long base, long pages) {
    List<Long> boundaries = new ArrayList<>();
    for (long b = base - Math.floorMod(base, HUGE) + HUGE; b < base + pages; b += HUGE) {
      boundaries.add(b);
    }
    return boundaries;
  }

  /** Those of {@code boundaries} with a whole 2 MiB block of the slot after them. */
  private static List<Long> roomy(List<Long> boundaries, long base, long pages) {
    return boundaries.stream().filter(b -> b + HUGE <= base + pages).toList();
  }

  private static Arbitrary<List<Integer>> invalidRoots(int roots) {
    return Arbitraries.integers()
        .between(0, roots - 1)
        .list()
        .uniqueElements()
        .ofMaxSize(roots - 1);
  }

  private static Arbitrary<List<HandlerState.Mapping>> mappings(
      long base, long pages, long neighbour, int roots) {
    return mapping(base, pages, neighbour, roots).list().ofMaxSize(48);
  }

  private static Arbitrary<HandlerState> withMappings(
      long base, long pages, long neighbour, int roots) {
    Arbitrary<List<Integer>> invalid = invalidRoots(roots);
    Arbitrary<List<HandlerState.Mapping>> mappings = mappings(base, pages, neighbour, roots);
    Arbitrary<Long> start = Arbitraries.longs().between(base, base + pages - 1);
    // Young 4K pages right outside the range (at start - 1 and at end) where a slot has them: an
    // off-by-one at either end touches them (H10).
    Arbitrary<Boolean> edged = Arbitraries.of(false, true);
    Arbitrary<HandlerState> anywhere =
        Combinators.combine(invalid, mappings, start, edged)
            .flatAs(
                (inv, maps, s, edges) ->
                    Arbitraries.longs()
                        .between(s + 1, base + pages)
                        .map(
                            e ->
                                new HandlerState(
                                    base,
                                    pages,
                                    neighbour,
                                    roots,
                                    inv,
                                    dedupe(
                                        edges
                                            ? withEdges(maps, base, pages + neighbour, s, e)
                                            : maps),
                                    s,
                                    e)));
    // A run of young 4K pages from the range's start: enough leaves for a handler that yields
    // every few dozen (when the call may block) to yield, and resume, inside the range.
    Arbitrary<HandlerState> dense =
        Combinators.combine(invalid, mappings, start, Arbitraries.integers().between(1, 80))
            .flatAs(
                (inv, maps, s, run) ->
                    Arbitraries.longs()
                        .between(s + 1, base + pages)
                        .map(
                            e -> {
                              List<HandlerState.Mapping> all = new ArrayList<>(maps);
                              for (long g = s; g < Math.min(s + run, base + pages); g++) {
                                all.add(new HandlerState.Mapping(0, g, 1, true, true, true));
                              }
                              return new HandlerState(
                                  base, pages, neighbour, roots, inv, dedupe(all), s, e);
                            }));
    List<Long> boundaries = boundaries(base, pages);
    // Prefer boundaries with a whole huge block after them, where a 2 MiB mapping can sit.
    List<Long> roomy = roomy(boundaries, base, pages);
    if (!roomy.isEmpty()) {
      boundaries = roomy;
    }
    if (boundaries.isEmpty()) {
      return Arbitraries.oneOf(anywhere, dense);
    }
    Arbitrary<HandlerState> crossing =
        Combinators.combine(invalid, mappings, Arbitraries.of(boundaries))
            .flatAs((inv, maps, b) -> across(base, pages, neighbour, roots, inv, maps, b));
    return Arbitraries.oneOf(anywhere, crossing, dense);
  }

  /**
   * A range that starts before the huge-page boundary {@code b} and ends after it, with young
   * mappings on both sides: either 4K pages before {@code b} and a 2 MiB block after it (where the
   * block fits in the slot), or a 2 MiB block before it and a 4K page at {@code b}. What a handler
   * stepping block by block from range.start (it jumps from inside the first block past the
   * second's head), or looking only there, misses (H9).
   */
  private static Arbitrary<HandlerState> across(
      long base,
      long pages,
      long neighbour,
      int roots,
      List<Integer> invalid,
      List<HandlerState.Mapping> maps,
      long b) {
    // Both overhangs within half a block: a walk stepping one block from range.start ends
    // before the second block's head.
    Arbitrary<Long> before = Arbitraries.longs().between(1, Math.min(HUGE / 2, b - base));
    Arbitrary<Long> after = Arbitraries.longs().between(1, Math.min(HUGE / 2, base + pages - b));
    return Combinators.combine(before, after, Arbitraries.of(false, true))
        .as(
            (k, m, hugeFirst) -> {
              List<HandlerState.Mapping> all = new ArrayList<>(maps);
              all.addAll(
                  hugeFirst && b - HUGE >= base
                      ? List.of(
                          new HandlerState.Mapping(0, b - HUGE, 2, true, false, true),
                          new HandlerState.Mapping(0, b, 1, true, false, true))
                      : List.of(
                          new HandlerState.Mapping(0, b - 1, 1, true, false, true),
                          b + HUGE <= base + pages
                              ? new HandlerState.Mapping(0, b, 2, true, true, true)
                              : new HandlerState.Mapping(0, b + m - 1, 1, true, false, true)));
              return new HandlerState(
                  base, pages, neighbour, roots, invalid, dedupe(all), b - k, b + m);
            });
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

  /**
   * {@code maps} and young 4K pages at {@code start - 1} and {@code end}, where slots have them.
   */
  private static List<HandlerState.Mapping> withEdges(
      List<HandlerState.Mapping> maps, long base, long slotted, long start, long end) {
    List<HandlerState.Mapping> all = new ArrayList<>(maps);
    for (long g : new long[] {start - 1, end}) {
      if (g >= base && g < base + slotted) {
        all.add(new HandlerState.Mapping(0, g, 1, true, true, true));
      }
    }
    return all;
  }

  /**
   * Later mappings of a root win over earlier ones they overlap, as re-mapping does; the survivors
   * keep their order. A mapping survives exactly when no later mapping of its root (and structure)
   * overlaps it: the first such later one would have dropped it. So one pass from the end, keeping
   * per root the union of the later mappings as disjoint intervals, decides each: a run of 4K pages
   * is one interval, where the scan this replaced compared every new mapping with every kept one
   * (quadratic: 14% of the matrix's time in JFR samples, on states of long 4K runs).
   */
  public static List<HandlerState.Mapping> dedupe(List<HandlerState.Mapping> mappings) {
    boolean[] survives = new boolean[mappings.size()];
    Map<Long, TreeMap<Long, Long>> laterByRoot = new HashMap<>();
    for (int i = mappings.size() - 1; i >= 0; i--) {
      HandlerState.Mapping m = mappings.get(i);
      TreeMap<Long, Long> later =
          laterByRoot.computeIfAbsent(
              ((long) m.root() << 1) | (m.shadow() ? 1 : 0), r -> new TreeMap<>());
      long start = m.gfn();
      long end = start + m.pages();
      Map.Entry<Long, Long> last = later.floorEntry(end - 1);
      survives[i] = last == null || last.getValue() <= start;
      addInterval(later, start, end);
    }
    List<HandlerState.Mapping> out = new ArrayList<>();
    for (int i = 0; i < survives.length; i++) {
      if (survives[i]) {
        out.add(mappings.get(i));
      }
    }
    return out;
  }

  /** Adds [start, end) to disjoint intervals (start to end), merging those it touches. */
  private static void addInterval(TreeMap<Long, Long> intervals, long start, long end) {
    Map.Entry<Long, Long> touching = intervals.floorEntry(end);
    while (touching != null && touching.getValue() >= start) {
      start = Math.min(start, touching.getKey());
      end = Math.max(end, touching.getValue());
      intervals.remove(touching.getKey());
      touching = intervals.floorEntry(end);
    }
    intervals.put(start, end);
  }
}
