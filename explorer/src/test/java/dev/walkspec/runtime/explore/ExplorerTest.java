package dev.walkspec.runtime.explore;

import static dev.walkspec.runtime.explore.examples.Catalogue.SMALL_X86;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.explore.examples.Catalogue;
import dev.walkspec.runtime.world.World;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ExplorerTest {

  @Test
  void aReplayStringReproducesTheSameFailureAndReport() {
    Counterexample found =
        Explorer.explore(Catalogue.scenario("lost-write-protect"), Strategy.dfs(2))
            .counterexample()
            .orElseThrow();

    ExplorationResult replayed =
        Explorer.explore(Catalogue.scenario("lost-write-protect"), Strategy.replay(found.replay()));

    Counterexample again = replayed.counterexample().orElseThrow();
    assertThat(replayed.schedules()).isEqualTo(1);
    assertThat(again.obligation()).isEqualTo("H5");
    assertThat(again.stepTable()).isEqualTo(found.stepTable());
    assertThat(again.message()).isEqualTo(found.message());
    assertThat(again.replay()).isEqualTo(found.replay());
  }

  @Test
  void thePrintedRegressionTestFailsUntilTheBugIsFixed() {
    Counterexample found =
        Explorer.explore(Catalogue.scenario("lost-zap-xchg"), Strategy.dfs(2))
            .counterexample()
            .orElseThrow();
    assertThat(found.junit())
        .contains("Catalogue.scenario(\"lost-zap-xchg\")")
        .contains("Strategy.replay(\"" + found.replay() + "\")")
        .contains("Invariants.standard()");

    assertThatThrownBy(
            () ->
                Explorer.check(
                    Catalogue.scenario("lost-zap-xchg"),
                    Strategy.replay(found.replay()),
                    Invariants.standard()))
        .isInstanceOfSatisfying(
            ExplorationFailure.class,
            failure -> {
              assertThat(failure.counterexample().stepTable()).isEqualTo(found.stepTable());
              assertThat(failure.getMessage()).isEqualTo(failure.counterexample().report());
              assertThat(failure.getMessage()).contains("found by:   replay of " + found.replay());
            });
    // the fixed handler on the same schedule passes
    Explorer.check(
        Catalogue.scenario("age-vs-zap"),
        Strategy.replay(found.replay().replace("lost-zap-xchg@", "age-vs-zap@")),
        Invariants.standard());
  }

  @Test
  void theSameStrategyGivesTheSameReportText() {
    String first = report(Strategy.pct(3, 500, 11));
    String second = report(Strategy.pct(3, 500, 11));
    assertThat(second).isEqualTo(first);
    assertThat(report(Strategy.dfs(2))).isEqualTo(report(Strategy.dfs(2)));
  }

  private static String report(Strategy strategy) {
    return Explorer.explore(Catalogue.scenario("lost-write-protect"), strategy)
        .counterexample()
        .orElseThrow()
        .report();
  }

  @Test
  void aCompareAndSwapRetriedWithoutBoundIsReportedAsH4NotAHang() {
    Scenario scenario = PlantedBugs.casRetriedForever();

    ExplorationResult result =
        Explorer.explore(
            scenario,
            Strategy.dfs(1),
            Invariants.standard(),
            Budget.defaults().withStepsPerRun(300).withShrinkRuns(20));

    Counterexample found = result.counterexample().orElseThrow();
    assertThat(found.obligation()).isEqualTo("H4");
    assertThat(found.rule()).isEqualTo("step budget");
    assertThat(found.message())
        .startsWith("H4: actor 'aging' is still going after 300 steps")
        .contains("the last: cas page#2[0]")
        .contains("retries a failed compare-and-swap, or spins, without bound");
  }

  /**
   * Issue 19 (honest budgets): a run still going, yield point by yield point, when the wall clock
   * runs out is cut there; the exploration stops inconclusive. It used to be reported as an H4
   * failure ("ran for 0 s without reaching a yield point"), whose replay then passed.
   */
  @Test
  void aRunInProgressWhenTheWallClockRunsOutIsCutNotAFailure() {
    ExplorationResult result =
        aloneFor300Ms(
            "slow",
            world -> {
              for (int i = 0; i < 10; i++) {
                world.condResched();
                sleep(100);
              }
            });
    assertThat(result.counterexample()).isEmpty();
    assertThat(result.exhausted()).isFalse();
    assertThat(result.stopReason()).isEqualTo("wall-clock budget");
    assertThat(result.schedules()).isZero();
  }

  /** Explores one actor, {@code name}, with a wall-clock budget of 300 ms. */
  private static ExplorationResult aloneFor300Ms(String name, Consumer<World> body) {
    return Explorer.explore(
        oneActor(name, name, body),
        Strategy.dfs(0),
        Invariants.standard(),
        Budget.defaults().withWallClock(Duration.ofMillis(300)));
  }

  /** Scenario {@code scenario} on a small x86 VM without vCPUs, its only actor {@code actor}. */
  private static Scenario oneActor(String scenario, String actor, Consumer<World> body) {
    return Scenario.builder(scenario).world(SMALL_X86, b -> b.vcpus(0)).actor(actor, body).build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSpinWithoutYieldPointsIsReportedWhenTheWallClockRunsOut() {
    AtomicBoolean stop = new AtomicBoolean();
    try {
      ExplorationResult result =
          aloneFor300Ms(
              "spinner",
              world -> {
                world.rcu().readLock();
                while (!stop.get()) {
                  Thread.onSpinWait();
                }
              });
      Counterexample found = result.counterexample().orElseThrow();
      assertThat(found.obligation()).isEqualTo("H4");
      assertThat(found.rule()).isEqualTo("no yield point");
      assertThat(found.message())
          .contains("actor 'spinner' ran for")
          .contains("without reaching a yield point")
          .contains("(it was at dev.walkspec.runtime.explore.ExplorerTest.lambda$");
    } finally {
      stop.set(true);
    }
  }

  @Test
  void aLockOrderDeadlockNamesTheWaitForCycle() {
    Scenario scenario =
        Scenario.builder("ab-ba")
            .world(SMALL_X86, b -> b.vcpus(0).mmus(Mmus.SHADOW))
            .setup(world -> PlantedBugs.mapGfns(world))
            .actor("a", lockBoth(0, 1))
            .actor("b", lockBoth(1, 0))
            .build();

    Counterexample found =
        Explorer.explore(scenario, Strategy.dfs(1)).counterexample().orElseThrow();

    assertThat(found.obligation()).isEqualTo("deadlock");
    assertThat(found.message())
        .isEqualTo(
            "deadlock: wait-for cycle 'a' -> 'b' -> 'a': 'a' blocked on bit_lock of rmap[as 0,"
                + " slot 1] held by 'b'; 'b' blocked on bit_lock of rmap[as 0, slot 1] held by 'a'");
    assertThat(found.steps()).isEqualTo(4);
    assertThat(found.preemptions()).isEqualTo(1);
    assertThat(found.replay()).isEqualTo("ab-ba@0.1");
    assertThat(found.stepTable()).contains("blocked on bit_lock of rmap[as 0, slot 1] held by 'b'");
  }

  private static Consumer<World> lockBoth(long first, long second) {
    return world -> {
      SlotRmap rmap = world.mmu(0).rmap(world.memslotStore().peek(0).byId(1));
      try (RmapCursor outer = rmap.lock(first, 1);
          RmapCursor inner = rmap.lock(second, 1)) {
        outer.next();
        inner.next();
      }
    };
  }

  @Test
  void anActorThatEndsHoldingTheLockBreaksH2() {
    Scenario scenario =
        Scenario.builder("leak")
            .world(SMALL_X86, b -> b.vcpus(0))
            .actor("leaker", world -> world.mmuLock().lockRead())
            .build();

    Counterexample found =
        Explorer.explore(scenario, Strategy.dfs(0)).counterexample().orElseThrow();

    assertThat(found.obligation()).isEqualTo("H2");
    assertThat(found.message()).isEqualTo("H2: actor 'leaker' finished holding mmu_lock (read)");
  }

  @Test
  void aCustomInvariantIsCheckedAtTheEndOfEveryRun() {
    Invariant nothingMapped =
        Invariant.atEnd(
            "H9",
            "gfn 0 is unmapped at the end",
            world ->
                world.mmu(0).currentRoot().firstMapped(0, 1) >= 0 ? "gfn 0 is still mapped" : null);
    ExplorationResult result =
        Explorer.explore(
            Catalogue.scenario("age-vs-zap"), Strategy.dfs(1), java.util.List.of(nothingMapped));
    assertThat(result.failed()).isFalse();
    assertThat(result.exhausted()).isTrue();

    Invariant stillMapped =
        Invariant.atEnd("H9", "gfn 0 stays mapped", world -> "gfn 0 was zapped");
    Counterexample found =
        Explorer.explore(
                Catalogue.scenario("age-vs-zap"), Strategy.dfs(1), java.util.List.of(stillMapped))
            .counterexample()
            .orElseThrow();
    assertThat(found.obligation()).isEqualTo("H9");
    assertThat(found.rule()).isEqualTo("gfn 0 stays mapped");
    assertThat(found.message()).isEqualTo("gfn 0 was zapped");
    assertThat(found.junit()).contains("/* gfn 0 stays mapped */");
  }

  @Test
  void theScheduleBudgetStopsTheSearchUnexhausted() {
    ExplorationResult result =
        Explorer.explore(
            Catalogue.scenario("age-vs-zap"),
            Strategy.dfs(2),
            Invariants.standard(),
            Budget.defaults().withMaxSchedules(5));
    assertThat(result.exhausted()).isFalse();
    assertThat(result.stopReason()).isEqualTo("schedule budget");
    assertThat(result.schedules()).isEqualTo(5);
  }

  @Test
  void aReplayStringMustFitTheScenario() {
    Scenario scenario = Catalogue.scenario("age-vs-zap");
    assertThatThrownBy(() -> Explorer.explore(scenario, Strategy.replay("lost-zap@0*3.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the replay string is for scenario 'lost-zap', not 'age-vs-zap'");
    assertThatThrownBy(() -> Explorer.explore(scenario, Strategy.replay("7")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the replay string does not fit scenario 'age-vs-zap': at step 1 it picks actor 7,"
                + " but the scenario has 2 actors");
    assertThatThrownBy(() -> Explorer.explore(scenario, Strategy.replay("0*40.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the replay string does not fit scenario 'age-vs-zap': at step 10")
        .hasMessageEndingWith("it picks actor 0 ('aging'), which cannot run then");
  }

  @Test
  void aScenarioThatDependsOnMoreThanTheScheduleIsRejected() {
    AtomicInteger runs = new AtomicInteger();
    Scenario scenario =
        Scenario.builder("flaky")
            .world(SMALL_X86, b -> b.vcpus(0))
            .actor(
                "a",
                world -> {
                  if (runs.getAndIncrement() % 2 == 0) {
                    world.rcu().readLock();
                    world.rcu().readUnlock();
                  } else {
                    world.mmuLock().lockRead();
                    world.mmuLock().unlockRead();
                  }
                })
            .actor("b", world -> world.rcu().synchronize())
            .build();
    assertThatThrownBy(() -> Explorer.explore(scenario, Strategy.dfs(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the scenario is not deterministic");
  }

  /** The replay that no longer fails says what the search's run saw, the only trace of it. */
  @Test
  void aFailureTheReplayDoesNotReproduceIsNamedInTheError() {
    AtomicInteger runs = new AtomicInteger();
    Scenario scenario =
        oneActor(
            "once",
            "a",
            world -> {
              world.rcu().readLock();
              world.rcu().readUnlock();
              if (runs.getAndIncrement() == 0) {
                throw new IllegalStateException("only in the first run");
              }
            });
    assertThatThrownBy(() -> Explorer.explore(scenario, Strategy.dfs(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the scenario is not deterministic: replaying once@- did not fail")
        .hasMessageEndingWith(
            "again; the search's run failed with: actor 'a' threw java.lang.IllegalStateException:"
                + " only in the first run");
  }
}
