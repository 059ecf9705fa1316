package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.explore.examples.Catalogue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every planted bug is found by the bounded search with a counterexample of at most 12 steps that
 * names the obligation it breaks, and its correct counterpart passes with the whole space of
 * preemption bound 2 explored.
 */
class PlantedBugsTest {

  static Stream<Arguments> planted() {
    return Stream.of(
        Arguments.of(
            "lost zap: plain load+store in lockless aging",
            (Supplier<Scenario>) () -> Catalogue.scenario("lost-zap"),
            "H4",
            "without the MMU lock"),
        Arguments.of(
            "lost zap: stale exchange in lockless aging",
            (Supplier<Scenario>) () -> Catalogue.scenario("lost-zap-xchg"),
            "H5",
            "brings back the mapping zapped by 'zapper'"),
        Arguments.of(
            "lost write-protect: plain store under the lock",
            (Supplier<Scenario>) () -> Catalogue.scenario("lost-write-protect"),
            "H5",
            "erases the change made by 'aging'"),
        Arguments.of(
            "table read after leaving RCU while a zap frees it",
            (Supplier<Scenario>) PlantedBugs::rcuEarlyExit,
            "H3",
            "use-after-free"),
        Arguments.of(
            "unmap returns false after zapping",
            (Supplier<Scenario>) PlantedBugs::unmapNoFlush,
            "H12",
            "tlb[vcpu 0] still maps gfn 0"),
        Arguments.of(
            "fault skips the re-check",
            (Supplier<Scenario>) PlantedBugs::faultSkipsRecheck,
            "H13",
            "was in progress"),
        Arguments.of(
            "handler sleeps although may_block is false",
            (Supplier<Scenario>) PlantedBugs::sleepsWithoutMayBlock,
            "H8",
            "non-blockable context"),
        Arguments.of(
            "lockless aging that takes the MMU lock (lock-order bug)",
            (Supplier<Scenario>) PlantedBugs::lockOrder,
            "H1",
            // The read lock alone is allowed in a lockless handler (H1 as refined for s390); taken
            // while holding a head's bit lock a zapper needs, it deadlocks, and the lockless
            // handler that took the lock is blamed.
            "takes the MMU lock inside a lockless handler; deadlock"),
        Arguments.of(
            "lock-order deadlock between a reverse-map scanner and a zapper",
            (Supplier<Scenario>) PlantedBugs::deadlock,
            "deadlock",
            "deadlock: wait-for cycle"));
  }

  static Stream<Arguments> correct() {
    return Stream.of(
        Arguments.of("age-vs-zap", (Supplier<Scenario>) () -> Catalogue.scenario("age-vs-zap")),
        Arguments.of(
            "write-protect-vs-aging",
            (Supplier<Scenario>) () -> Catalogue.scenario("write-protect-vs-aging")),
        Arguments.of("rcu-section", (Supplier<Scenario>) PlantedBugs::rcuSection),
        Arguments.of("unmap-flush", (Supplier<Scenario>) PlantedBugs::unmapFlush),
        Arguments.of("fault-retries", (Supplier<Scenario>) PlantedBugs::faultRetries),
        Arguments.of(
            "fault-retries-after-race", (Supplier<Scenario>) PlantedBugs::faultRetriesAfterRace),
        Arguments.of(
            "yields-only-when-may-block", (Supplier<Scenario>) PlantedBugs::yieldsOnlyWhenMayBlock),
        Arguments.of("rmap-aging", (Supplier<Scenario>) PlantedBugs::rmapAging));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("planted")
  void theBoundedSearchFindsAShortCounterexample(
      String bug, Supplier<Scenario> scenario, String obligation, String phrase) {
    ExplorationResult result = Explorer.explore(scenario.get(), Strategy.dfs(2));

    assertThat(result.counterexample()).as(bug).isPresent();
    Counterexample found = result.counterexample().get();
    assertThat(found.obligation()).as(found.report()).isEqualTo(obligation);
    assertThat(found.message()).as(found.report()).contains(phrase);
    assertThat(found.steps()).as(found.report()).isBetween(1, 12);
    assertThat(found.report())
        .contains("breaks " + obligation)
        .contains("replay: " + found.replay())
        .contains(obligation + " broken ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("correct")
  void theCorrectVersionExhaustsPreemptionBoundTwo(String name, Supplier<Scenario> scenario) {
    ExplorationResult result = Explorer.check(scenario.get(), Strategy.dfs(2));

    assertThat(result.exhausted()).as(result.summary()).isTrue();
    assertThat(result.rounds()).extracting(ExplorationResult.Round::bound).containsExactly(0, 1, 2);
    assertThat(result.rounds()).allMatch(ExplorationResult.Round::exhausted);
  }

  /**
   * The race behind H13 in full: the fault takes its sequence snapshot, a whole
   * invalidate_range_start/end pair runs, and the fault installs the stale mapping afterwards. No
   * invalidation is in progress at the install; the snapshot check catches it.
   */
  @org.junit.jupiter.api.Test
  void aFaultThatRacedWithAWholeInvalidationMustNotInstall() {
    Counterexample found =
        Explorer.explore(PlantedBugs.faultRacesInvalidation(), Strategy.dfs(2))
            .counterexample()
            .orElseThrow();

    assertThat(found.obligation()).isEqualTo("H13");
    assertThat(found.rule()).isEqualTo("install after a racing invalidation");
    assertThat(found.message())
        .contains("'vcpu0' installed a mapping of gfn 0")
        .contains("but its sequence snapshot is from step 1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("planted")
  void pctFindsItToo(String bug, Supplier<Scenario> scenario, String obligation, String phrase) {
    ExplorationResult result = Explorer.explore(scenario.get(), Strategy.pct(3, 2000, 7));

    assertThat(result.counterexample()).as(bug).isPresent();
    assertThat(result.counterexample().get().obligation()).isEqualTo(obligation);
  }
}
