package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.suite.HandlerState.Mapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The shrinking of a failing one-call state (issue 19): which steps it takes, what it keeps, and
 * that it only ever offers states the generator could have drawn. The expected states below were
 * worked out by hand from the steps, before the shrinker ran on them.
 */
class StateShrinkerTest {
  private static Mapping young4k(int root, long gfn) {
    return new Mapping(root, gfn, 1, true, true, true);
  }

  private static HandlerState shrunk(HandlerState failing, Predicate<HandlerState> fails) {
    assertThat(fails).as("the state to shrink fails").accepts(failing);
    return StateShrinker.shrink(
            failing, "found", s -> fails.test(s) ? Optional.of("found") : Optional.empty())
        .state();
  }

  /** A 2 MiB mapping overlapping the range (what a handler that skips huge mappings misses, H9). */
  private static boolean hugeMappingInRange(HandlerState s) {
    return s.mappings().stream()
        .anyMatch(m -> m.level() == 2 && m.gfn() < s.end() && m.gfn() + m.pages() > s.start());
  }

  @Test
  void mappingsRootsRangeAndSlotsNotNeededForTheFailureGo() {
    HandlerState failing =
        new HandlerState(
            100,
            1000,
            200,
            2,
            List.of(1),
            List.of(
                young4k(0, 150),
                young4k(1, 200),
                new Mapping(0, 512, 2, true, true, true),
                young4k(0, 1150)),
            120,
            900);

    assertThat(shrunk(failing, StateShrinkerTest::hugeMappingInRange))
        .hasToString(
            "slot gfn [512,1024) + neighbour [1024,1025), 1 root(s), invalid [], range [512,513),"
                + " mappings root0:2M@512+A+D+W");
  }

  /**
   * The shadow MMU's H9 finding: a range from inside one 2 MiB block into the next misses the
   * second block's huge mapping.
   */
  private static boolean startsInsideTheBlockBefore(HandlerState s) {
    return hugeMappingInRange(s) && s.start() % 512 != 0;
  }

  /** A slot from {@code base} to 1100 with a young 4K page and a young 2 MiB mapping at 512. */
  private static HandlerState pageAndHugeMapping(long base, long page, long start, long end) {
    return new HandlerState(
        base,
        1100 - base,
        200,
        1,
        List.of(),
        List.of(young4k(0, page), new Mapping(0, 512, 2, true, true, true)),
        start,
        end);
  }

  @Test
  void aSlotWhoseBaseDisagreesWithItsHugeMappingGrowsDownToABlockBoundary() {
    // Drawn with the slot at 319: KVM could not map gfn 512 huge (gfn and hva 193 pages apart).
    HandlerState failing = pageAndHugeMapping(319, 330, 400, 600);

    assertThat(shrunk(failing, StateShrinkerTest::startsInsideTheBlockBefore))
        .hasToString(
            "slot gfn [0,1024) + neighbour [1024,1025), 1 root(s), invalid [], range [511,513),"
                + " mappings root0:2M@512+A+D+W");
  }

  @Test
  void theSlotStartMovesByWholeBlocksOfItsLargestMappingSoKvmsRuleForHugeMappingsStillHolds() {
    // The 2 MiB mapping is 512 pages from the slot's base: KVM could map it huge (MmRanges).
    HandlerState failing = pageAndHugeMapping(0, 300, 300, 600);

    // A slot from gfn 511 would put the 2 MiB mapping 1 page from its base; it stays at 0.
    assertThat(shrunk(failing, StateShrinkerTest::startsInsideTheBlockBefore))
        .hasToString(
            "slot gfn [0,1024) + neighbour [1024,1025), 1 root(s), invalid [], range [511,513),"
                + " mappings root0:2M@512+A+D+W");
  }

  @Test
  void aLongRunIsCutAtItsEndsToTheShortestThatFailsAndStaysOneRun() {
    List<Mapping> maps = new ArrayList<>();
    maps.add(new Mapping(0, 5, 1, false, false, true));
    for (long gfn = 100; gfn < 800; gfn++) {
      maps.add(young4k(0, gfn));
    }
    HandlerState failing = new HandlerState(0, 1000, 10, 1, List.of(), maps, 50, 900);
    // H14: more than 512 young pages in the range, enough to hold the lock too long.
    Predicate<HandlerState> longRun =
        s ->
            s.mappings().stream()
                    .filter(m -> m.accessed() && m.gfn() >= s.start() && m.gfn() < s.end())
                    .count()
                >= 513;

    assertThat(shrunk(failing, longRun))
        .hasToString(
            "slot gfn [100,613) + neighbour [613,614), 1 root(s), invalid [], range [100,613),"
                + " mappings root0:513x4K@[100,613)+A+D+W");
  }

  @Test
  void theNeighbourFollowsTheSlotDownByWholeBlocksSoAHugeMappingStaysAligned() {
    HandlerState failing =
        new HandlerState(
            0, 700, 1400, 1, List.of(), List.of(new Mapping(0, 1024, 2, true, true, true)), 0, 1);
    Predicate<HandlerState> alignedHugeInNeighbour =
        s ->
            s.mappings().stream()
                .anyMatch(
                    m ->
                        m.level() == 2
                            && m.gfn() % 512 == 0
                            && m.gfn() >= s.slotEnd()
                            && m.gfn() + 512 <= s.slotEnd() + s.neighbourPages());

    assertThat(shrunk(failing, alignedHugeInNeighbour))
        .hasToString(
            "slot gfn [0,188) + neighbour [188,1024), 1 root(s), invalid [], range [0,1),"
                + " mappings root0:2M@512+A+D+W");
  }

  @Test
  void rootsAreDroppedAndRenumberedAndAVmWithBothMmusBecomesOneAndMayBlockGoes() {
    HandlerState failing =
        new HandlerState(
            0,
            100,
            5,
            3,
            List.of(0, 2),
            List.of(
                young4k(0, 10),
                young4k(2, 11),
                young4k(1, 11).inShadowRoot(1, true),
                young4k(0, 12).inShadowRoot(0, true)),
            10,
            20,
            true,
            Mmus.TDP_AND_SHADOW,
            2);
    // A young mapping in an invalid TDP root (what a handler that ages invalid roots touches).
    Predicate<HandlerState> youngInInvalidRoot =
        s ->
            s.mappings().stream()
                .anyMatch(m -> !m.shadow() && m.accessed() && s.invalidRoots().contains(m.root()));

    assertThat(shrunk(failing, youngInInvalidRoot))
        .hasToString(
            "slot gfn [10,12) + neighbour [12,13), 1 root(s), invalid [0], range [10,11),"
                + " mappings root0:4K@11+A+D+W");
  }

  @Test
  void aLonePageOutsideTheRangeMovesNextToItAndTheSlotShrinksAfterIt() {
    HandlerState failing =
        new HandlerState(
            0, 400, 30, 1, List.of(), List.of(new Mapping(0, 312, 1, true, false, false)), 49, 60);
    // H10: a page outside the range, in the range's 2 MiB block (what a whole-block handler ages).
    Predicate<HandlerState> outsideInTheSameBlock =
        s ->
            s.mappings().stream()
                .anyMatch(
                    m ->
                        (m.gfn() < s.start() || m.gfn() >= s.end())
                            && m.gfn() / 512 == s.start() / 512);

    assertThat(shrunk(failing, outsideInTheSameBlock))
        .hasToString(
            "slot gfn [49,51) + neighbour [51,52), 1 root(s), invalid [], range [49,50),"
                + " mappings root0:4K@50+A");
  }

  @Test
  void aStateWhoseFailureNeedsNothingShrinksToOnePageAndNoMappings() {
    HandlerState failing = SuiteFixtures.pageAt3(true);

    assertThat(shrunk(failing, s -> true))
        .hasToString(
            "slot gfn [0,1) + neighbour [1,2), 1 root(s), invalid [], range [0,1), mappings none");
  }

  @Test
  void onlyTheSameFailureIsKept() {
    HandlerState failing = SuiteFixtures.pageAt3(true);
    // Another failure (without the page) is not this one: the page stays, moved next to the
    // range once the range is one page.
    StateShrinker.Shrunk<String> shrunk =
        StateShrinker.shrink(
            failing,
            "H9",
            s -> Optional.of(s.mappings().isEmpty() ? "H11" : "H9").filter("H9"::equals));

    assertThat(shrunk.state())
        .hasToString(
            "slot gfn [0,2) + neighbour [2,3), 1 root(s), invalid [], range [0,1),"
                + " mappings root0:4K@1+A+W");
    assertThat(shrunk.failure()).isEqualTo("H9");
  }

  @Provide
  Arbitrary<HandlerState> states() {
    return HandlerStates.states(3, List.of(Mmus.TDP, Mmus.SHADOW, Mmus.TDP_AND_SHADOW))
        .withoutEdgeCases();
  }

  /** Failures that depend on different parts of a state, so that every step gets to work. */
  enum Failure {
    MAPPING_IN_RANGE(
        s ->
            s.mappings().stream()
                .anyMatch(m -> m.gfn() < s.end() && m.gfn() + m.pages() > s.start())),
    HUGE_MAPPING_IN_NEIGHBOUR(
        s -> s.mappings().stream().anyMatch(m -> m.level() > 1 && m.gfn() >= s.slotEnd())),
    MAPPING_IN_NEIGHBOUR(s -> s.mappings().stream().anyMatch(m -> m.gfn() >= s.slotEnd())),
    THREE_ROOTS_OR_AN_INVALID_ONE(
        s -> s.roots() + s.shadowRoots() >= 3 || !s.invalidRoots().isEmpty()),
    TEN_MAPPINGS(s -> s.mappings().size() >= 10);

    final Predicate<HandlerState> fails;

    Failure(Predicate<HandlerState> fails) {
      this.fails = fails;
    }
  }

  /**
   * Every candidate is a state the generator could draw (so the world builds it and a report never
   * shows an impossible state), the result still fails, and it is a fixpoint.
   */
  @Property(tries = 300)
  void everyCandidateIsWellFormedAndTheResultIsAFixpoint(
      @ForAll("states") HandlerState drawn, @ForAll Failure failure) {
    Predicate<HandlerState> fails = failure.fails;
    if (!fails.test(drawn)) {
      return;
    }
    List<String> malformed = new ArrayList<>();
    // Why shrinking ends without a budget: every kept step lowers the measure. Checked as each
    // step is kept, so that a step that does not lower it fails here instead of looping.
    HandlerState[] last = {null};
    Predicate<HandlerState> checked =
        s -> {
          malformed.addAll(problems(s));
          boolean keeps = fails.test(s);
          if (keeps && last[0] != null && Arrays.compare(measure(s), measure(last[0])) >= 0) {
            throw new AssertionError("the measure of " + s + " is not below that of " + last[0]);
          }
          if (keeps) {
            last[0] = s;
          }
          return keeps;
        };
    HandlerState result = shrunk(drawn, checked);
    assertThat(malformed).isEmpty();
    assertThat(fails).accepts(result);
    StateShrinker.Shrunk<String> again =
        StateShrinker.shrink(
            result, "found", s -> fails.test(s) ? Optional.of("found") : Optional.empty());
    assertThat(again.state()).isEqualTo(result);
  }

  /**
   * The measure StateShrinker's steps lower, compared in this order: mappings, roots, invalid
   * roots, MMUs, may_block, range pages, 2 MiB mappings that disagree with the slot's base, slot
   * pages, neighbour pages, the distance of lone 4K pages from the range.
   */
  private static long[] measure(HandlerState s) {
    long disagree =
        s.mappings().stream()
            .filter(m -> m.level() == 2 && Math.floorMod(m.gfn() - s.slotBase(), 512) != 0)
            .count();
    long distance = 0;
    // A lone page: a unit of one 4K mapping, as the report groups them.
    for (List<Mapping> unit : HandlerState.units(s.mappings())) {
      Mapping m = unit.get(0);
      if (unit.size() == 1 && m.level() == 1) {
        distance += m.gfn() >= s.end() ? m.gfn() - s.end() : Math.max(0, s.start() - 1 - m.gfn());
      }
    }
    return new long[] {
      s.mappings().size(),
      s.roots() + s.shadowRoots(),
      s.invalidRoots().size(),
      s.mmus() == Mmus.TDP_AND_SHADOW ? 1 : 0,
      s.mayBlock() ? 1 : 0,
      s.end() - s.start(),
      disagree,
      s.slotPages(),
      s.neighbourPages(),
      distance
    };
  }

  /** What makes a state one the generator could not draw. */
  private static List<String> problems(HandlerState s) {
    List<String> problems = new ArrayList<>();
    if (s.slotPages() < 1 || s.neighbourPages() < 1 || s.slotBase() < 0) {
      problems.add("empty slot: " + s);
    }
    if (s.start() < s.slotBase() || s.end() > s.slotEnd() || s.start() >= s.end()) {
      problems.add("range outside the slot or empty: " + s);
    }
    boolean tdp = s.mmus().tdp();
    boolean shadow = s.mmus() != Mmus.TDP;
    if (tdp != (s.roots() >= 1) || shadow != (s.shadowRoots() >= 1)) {
      problems.add("roots do not match the VM: " + s);
    }
    if (!tdp && !s.invalidRoots().isEmpty()
        || new HashSet<>(s.invalidRoots()).size() != s.invalidRoots().size()
        || s.invalidRoots().stream().anyMatch(r -> r < 0 || r >= s.roots())) {
      problems.add("invalid roots that are not roots: " + s);
    }
    for (Mapping m : s.mappings()) {
      long end = m.gfn() + m.pages();
      boolean inSlot = m.gfn() >= s.slotBase() && end <= s.slotEnd();
      boolean inNeighbour = m.gfn() >= s.slotEnd() && end <= s.slotEnd() + s.neighbourPages();
      int roots = m.shadow() ? s.shadowRoots() : s.roots();
      if (!(inSlot || inNeighbour) || m.gfn() % m.pages() != 0 || m.root() >= roots) {
        problems.add("mapping " + m + " outside one slot, unaligned or of no root: " + s);
      }
    }
    return problems;
  }
}
