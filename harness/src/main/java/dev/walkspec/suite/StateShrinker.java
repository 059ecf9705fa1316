package dev.walkspec.suite;

import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.arch.Mmus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Shrinks a {@link HandlerState} on which a handler breaks an obligation to a smaller one on which
 * it breaks the same obligation, for the counterexample a one-call property reports (issue 19: in
 * place of jqwik's shrinking of the drawn values, which took about a third of the matrix's test
 * time in its own machinery and regenerated flat-mapped values for every candidate).
 *
 * <p>It works on the state itself, in steps a reader of the report recognises: fewer mappings (runs
 * of 4K pages dropped whole or shortened at their ends, so that a run stays one run in the report),
 * fewer roots, no invalid roots, one MMU where the VM had two, no may_block, a shorter range, lone
 * pages moved next to it, a slot and neighbour trimmed to what the mappings and the range use. A
 * step is kept only when the handler breaks the same obligation on the smaller state; the steps
 * repeat until none is kept. Every kept step lowers one of these counts and raises none before it
 * in this order: mappings, roots, invalid roots, MMUs, may_block, range pages, 2 MiB mappings that
 * disagree with the slot's base, slot pages, neighbour pages, the distance of lone 4K pages from
 * the range. So shrinking ends without a budget: it is never cut short, and the same drawn state
 * shrinks to the same state on every machine.
 *
 * @param <F> what the check found on a state (the broken obligation and its details)
 */
final class StateShrinker<F> {
  private final Function<HandlerState, Optional<F>> sameFailure;
  private HandlerState state;
  private F failure;
  private int runs;

  private StateShrinker(
      HandlerState state, F failure, Function<HandlerState, Optional<F>> sameFailure) {
    this.state = state;
    this.failure = failure;
    this.sameFailure = sameFailure;
  }

  /**
   * The smallest state these steps reach from {@code failing}, and what the check found there.
   *
   * @param failure what the check found on {@code failing}
   * @param sameFailure what the check finds on a candidate, if it is the same failure (the same
   *     obligation broken); empty otherwise
   */
  static <F> Shrunk<F> shrink(
      HandlerState failing, F failure, Function<HandlerState, Optional<F>> sameFailure) {
    StateShrinker<F> shrinker = new StateShrinker<>(failing, failure, sameFailure);
    shrinker.toFixpoint();
    return new Shrunk<>(shrinker.state, shrinker.failure, shrinker.runs);
  }

  /**
   * A shrunk counterexample.
   *
   * @param runs how many candidate states the check ran on
   */
  record Shrunk<F>(HandlerState state, F failure, int runs) {}

  private void toFixpoint() {
    boolean kept;
    do {
      kept = dropMappings();
      kept |= shortenRuns();
      kept |= dropRoots();
      kept |= validateRoots();
      kept |= oneMmu();
      kept |= withoutMayBlock();
      kept |= narrowRange();
      kept |= pagesTowardsTheRange();
      kept |= trimNeighbour();
      kept |= trimSlotEnd();
      kept |= slotWhereKvmMapsHuge();
      kept |= trimSlotStart();
    } while (kept);
  }

  /** Runs the check on {@code candidate}; keeps it when the same obligation breaks there. */
  private boolean keep(HandlerState candidate) {
    if (candidate.equals(state)) {
      return false;
    }
    runs++;
    Optional<F> found = sameFailure.apply(candidate);
    if (found.isEmpty()) {
      return false;
    }
    state = candidate;
    failure = found.get();
    return true;
  }

  /**
   * Drops mappings in chunks of halving size, a run of 4K pages counting as one (ddmin's complement
   * step): a state of hundreds of mappings of which a few matter needs about twice as many checks
   * as it has mappings at worst, and logarithmically many when a few chunks go.
   */
  private boolean dropMappings() {
    boolean any = false;
    for (int chunk = Math.max(1, units(state).size() / 2); chunk >= 1; chunk /= 2) {
      int at = 0;
      List<List<HandlerState.Mapping>> units;
      while (at < (units = units(state)).size()) {
        List<HandlerState.Mapping> rest = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
          if (i < at || i >= at + chunk) {
            rest.addAll(units.get(i));
          }
        }
        if (keep(state.withMappings(rest))) {
          any = true;
        } else {
          at += chunk;
        }
      }
    }
    return any;
  }

  private static List<List<HandlerState.Mapping>> units(HandlerState s) {
    return HandlerState.units(s.mappings());
  }

  /** Shortens each run of 4K pages from its end, then from its start, by halving amounts. */
  private boolean shortenRuns() {
    boolean any = false;
    for (int u = 0; u < units(state).size(); u++) {
      final int unit = u;
      int length = units(state).get(unit).size();
      any |= lower(length, 1, n -> withRun(unit, n, false));
      length = units(state).get(unit).size();
      any |= lower(length, 1, n -> withRun(unit, n, true));
    }
    return any;
  }

  /**
   * The state with unit {@code unit} (a run) cut to {@code pages}, keeping its start or its end.
   */
  private HandlerState withRun(int unit, long pages, boolean keepEnd) {
    List<List<HandlerState.Mapping>> units = units(state);
    List<HandlerState.Mapping> out = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      List<HandlerState.Mapping> run = units.get(i);
      if (i == unit) {
        out.addAll(
            keepEnd
                ? run.subList(run.size() - (int) pages, run.size())
                : run.subList(0, (int) pages));
      } else {
        out.addAll(run);
      }
    }
    return state.withMappings(out);
  }

  /**
   * Lowers a count from {@code current} towards {@code floor}: first to the floor, then by halving
   * steps, each kept step tried again at the same size. About log² checks.
   *
   * @param at the state with the count at a value
   */
  private boolean lower(long current, long floor, LongFunction<HandlerState> at) {
    boolean any = false;
    long cut = current - floor;
    while (cut >= 1) {
      if (current - cut >= floor && keep(at.apply(current - cut))) {
        current -= cut;
        any = true;
        cut = Math.min(cut, current - floor);
      } else {
        cut /= 2;
      }
    }
    return any;
  }

  /** Drops one TDP root (with its mappings) or one shadow root at a time, the last first. */
  private boolean dropRoots() {
    boolean any = false;
    for (int r = state.roots() - 1; r >= 0 && state.roots() > 1; r--) {
      any |= keep(withoutRoot(r, false));
    }
    for (int r = state.shadowRoots() - 1; r >= 0 && state.shadowRoots() > 1; r--) {
      any |= keep(withoutRoot(r, true));
    }
    return any;
  }

  private HandlerState withoutRoot(int root, boolean shadow) {
    List<HandlerState.Mapping> maps = new ArrayList<>();
    for (HandlerState.Mapping m : state.mappings()) {
      if (m.shadow() != shadow || m.root() < root) {
        maps.add(m);
      } else if (m.root() > root) {
        maps.add(m.inRoot(m.root() - 1));
      }
    }
    if (shadow) {
      return state.inVm(
          state.mmus(), state.roots(), state.invalidRoots(), state.shadowRoots() - 1, maps);
    }
    List<Integer> invalid = new ArrayList<>();
    for (int i : state.invalidRoots()) {
      if (i != root) {
        invalid.add(i > root ? i - 1 : i);
      }
    }
    return state.inVm(state.mmus(), state.roots() - 1, invalid, state.shadowRoots(), maps);
  }

  /** Makes each invalid root valid, one at a time. */
  private boolean validateRoots() {
    boolean any = false;
    for (int i = state.invalidRoots().size() - 1; i >= 0; i--) {
      List<Integer> invalid = new ArrayList<>(state.invalidRoots());
      invalid.remove(i);
      any |=
          keep(
              state.inVm(
                  state.mmus(), state.roots(), invalid, state.shadowRoots(), state.mappings()));
    }
    return any;
  }

  /** A VM with both MMUs becomes one with the TDP MMU alone, or else shadow pages alone. */
  private boolean oneMmu() {
    if (state.mmus() != Mmus.TDP_AND_SHADOW) {
      return false;
    }
    List<HandlerState.Mapping> tdp = state.mappings().stream().filter(m -> !m.shadow()).toList();
    List<HandlerState.Mapping> shadow =
        state.mappings().stream().filter(HandlerState.Mapping::shadow).toList();
    return keep(state.inVm(Mmus.TDP, state.roots(), state.invalidRoots(), 0, tdp))
        || keep(state.inVm(Mmus.SHADOW, 0, List.of(), state.shadowRoots(), shadow));
  }

  private boolean withoutMayBlock() {
    return state.mayBlock() && keep(state.withMayBlock(false));
  }

  /** Moves the range's end down, then its start up, keeping at least one page. */
  private boolean narrowRange() {
    long start = state.start();
    boolean any = lower(state.end(), start + 1, end -> state.withRange(state.start(), end));
    long end = state.end();
    // The start rises: lower the distance from the end.
    any |=
        lower(end - state.start(), 1, pages -> state.withRange(state.end() - pages, state.end()));
    return any;
  }

  /**
   * Moves each 4K page outside the range (one not in a run) towards it, by halving distances: a
   * page the handler must not touch (H10) ends next to the range, and the slots shrink after it.
   * Never onto a gfn its root maps already.
   */
  private boolean pagesTowardsTheRange() {
    boolean any = false;
    int from = 0;
    while (from < state.mappings().size()) {
      int end = HandlerState.runEnd(state.mappings(), from);
      // A page of a run stays where it is: the run is one unit of the report.
      for (int at = from; end - from < HandlerState.SHORTEST_RUN && at < end; at++) {
        any |= pageTowardsTheRange(at);
      }
      from = HandlerState.runEnd(state.mappings(), from);
    }
    return any;
  }

  private boolean pageTowardsTheRange(int at) {
    HandlerState.Mapping m = state.mappings().get(at);
    if (m.level() != 1) {
      return false;
    }
    if (m.gfn() >= state.end()) {
      return lower(m.gfn() - state.end(), 0, d -> withPageAt(at, state.end() + d));
    }
    return m.gfn() < state.start()
        && lower(state.start() - 1 - m.gfn(), 0, d -> withPageAt(at, state.start() - 1 - d));
  }

  /** The state with mapping {@code index} (a 4K page) at {@code gfn}, unless its root maps it. */
  private HandlerState withPageAt(int index, long gfn) {
    HandlerState.Mapping m = state.mappings().get(index);
    boolean taken =
        state.mappings().stream()
            .anyMatch(
                o ->
                    o.root() == m.root()
                        && o.shadow() == m.shadow()
                        && o.gfn() <= gfn
                        && gfn < o.gfn() + o.pages());
    if (taken) {
      return state;
    }
    List<HandlerState.Mapping> maps = new ArrayList<>(state.mappings());
    maps.set(index, m.at(gfn));
    return state.withMappings(maps);
  }

  /** The neighbour cut from its end to the pages its mappings use (at least one). */
  private boolean trimNeighbour() {
    long used = 1;
    for (HandlerState.Mapping m : state.mappings()) {
      used = Math.max(used, m.gfn() + m.pages() - state.slotEnd());
    }
    return lower(state.neighbourPages(), used, pages -> withNeighbourPages(pages));
  }

  private HandlerState withNeighbourPages(long pages) {
    return state.inSlots(state.slotBase(), state.slotPages(), pages, state.mappings());
  }

  /**
   * The slot cut from its end to what the range and its mappings use. The neighbour follows it down
   * in gfn space, its mappings with it, by whole blocks of its largest mapping so that a huge
   * mapping stays aligned.
   */
  private boolean trimSlotEnd() {
    long used = state.end();
    long align = 1;
    for (HandlerState.Mapping m : state.mappings()) {
      if (m.gfn() < state.slotEnd()) {
        used = Math.max(used, m.gfn() + m.pages());
      } else {
        align = Math.max(align, m.pages());
      }
    }
    long slotPages = state.slotPages();
    long floor = used - state.slotBase();
    long step = align;
    long blocks = (slotPages - floor) / step;
    // Lowers the number of blocks that could still go; each one gone moves the neighbour down.
    return lower(blocks, 0, left -> withSlotPages(slotPages - (blocks - left) * step));
  }

  private HandlerState withSlotPages(long pages) {
    long shift = state.slotPages() - pages;
    List<HandlerState.Mapping> maps = new ArrayList<>();
    for (HandlerState.Mapping m : state.mappings()) {
      maps.add(m.gfn() < state.slotEnd() ? m : m.at(m.gfn() - shift));
    }
    return state.inSlots(state.slotBase(), pages, state.neighbourPages(), maps);
  }

  /**
   * The slot cut from its start up to the range and its mappings; nothing moves. By whole blocks of
   * the largest mapping: each mapping keeps its offset from the slot's base modulo its size, so a
   * state that obeys KVM's rule for huge mappings (gfn and hva agree modulo the block, {@link
   * MmRanges}) still does.
   */
  private boolean trimSlotStart() {
    long first = state.start();
    long align = 1;
    for (HandlerState.Mapping m : state.mappings()) {
      align = Math.max(align, m.pages());
      if (m.gfn() < state.slotEnd()) {
        first = Math.min(first, m.gfn());
      }
    }
    long step = align;
    long base = state.slotBase();
    long blocks = (first - base) / step;
    // Lowers the number of blocks that could still go from the start.
    return lower(blocks, 0, left -> withSlotStart(base + (blocks - left) * step));
  }

  /**
   * A slot that starts on a 2 MiB boundary where its 2 MiB mappings do not agree with its base
   * modulo the block (KVM maps a block huge only where gfn and hva agree, {@link MmRanges}; the
   * generator does not ask that). The slot may grow down for it: a reader of the report should not
   * have to wonder whether KVM could map the state at all. Not for 1 GiB mappings, whose slot would
   * grow by up to a gigabyte.
   */
  private boolean slotWhereKvmMapsHuge() {
    long first = state.start();
    boolean disagree = false;
    for (HandlerState.Mapping m : state.mappings()) {
      if (m.level() > 2) {
        return false;
      }
      disagree |= m.level() == 2 && Math.floorMod(m.gfn() - state.slotBase(), m.pages()) != 0;
      if (m.gfn() < state.slotEnd()) {
        first = Math.min(first, m.gfn());
      }
    }
    // 2 MiB mappings sit at multiples of the block, so a base on a block boundary agrees with all.
    long block = Pages.pagesAt(2);
    return disagree && keep(withSlotStart(first - Math.floorMod(first, block)));
  }

  private HandlerState withSlotStart(long base) {
    return state.inSlots(base, state.slotEnd() - base, state.neighbourPages(), state.mappings());
  }
}
