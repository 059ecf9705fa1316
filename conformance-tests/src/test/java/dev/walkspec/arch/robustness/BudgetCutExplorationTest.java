package dev.walkspec.arch.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.arch.x86.X86AgeHandler;
import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.suite.ExplorationBudget;
import dev.walkspec.suite.HandlerSuite;
import dev.walkspec.suite.InconclusiveExploration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: an explored test whose budget stops the search before every schedule within its
 * preemption bound has run is never a pass. x86's correct age handler on the aging-vs-zap scenario
 * (which needs many schedules) passes with the default budget and is inconclusive with one
 * schedule.
 */
class BudgetCutExplorationTest {
  private static final String SCENARIO = "aging-vs-zap";

  @AfterEach
  void defaultBudget() {
    System.clearProperty(ExplorationBudget.SCHEDULES_PROPERTY);
    System.clearProperty(ExplorationBudget.SECONDS_PROPERTY);
  }

  private static HandlerSuite suite() {
    return MisbehavingHandlersExploredTest.suite(X86AgeHandler::new, "X86AgeHandler");
  }

  @Test
  void with_the_default_budget_the_search_runs_to_its_end() {
    ExplorationResult result = suite().explore(SCENARIO);

    assertThat(result.exhausted()).isTrue();
    assertThat(result.schedules()).isGreaterThan(1);
  }

  @Test
  void a_search_cut_short_by_its_schedule_budget_is_inconclusive_and_says_what_to_raise() {
    System.setProperty(ExplorationBudget.SCHEDULES_PROPERTY, "1");

    assertThatThrownBy(() -> suite().explore(SCENARIO))
        .isInstanceOf(InconclusiveExploration.class)
        .hasMessageMatching(
            "walkspec: inconclusive: scenario 'aging-vs-zap' stopped on its schedule budget after 1"
                + " schedules in \\d+\\.\\d s, before exploring every schedule with up to 2"
                + " preemptions \\(bound 0: 1 cut short\\); not a pass\\. Raise the budget \\(now 60"
                + " s or 1 schedules\\) with -Dwalkspec\\.explore\\.schedules");
  }

  /**
   * A run still going when the wall clock runs out is cut at its next yield point: the test is
   * inconclusive. It used to fail with H4 ("ran for 0 s without reaching a yield point"), a false
   * finding against a handler that only took its time.
   */
  @Test
  void a_search_cut_short_by_its_wall_clock_in_the_middle_of_a_run_is_inconclusive_not_H4() {
    System.setProperty(ExplorationBudget.SECONDS_PROPERTY, "1");

    assertThatThrownBy(
            () ->
                MisbehavingHandlersExploredTest.suite(SleepsThenAges::new, "SleepsThenAges")
                    .explore(SCENARIO))
        .isInstanceOf(InconclusiveExploration.class)
        .hasMessageStartingWith(
            "walkspec: inconclusive: scenario 'aging-vs-zap' stopped on its wall-clock budget")
        .hasMessageEndingWith("with -Dwalkspec.explore.seconds");
  }

  /** x86's age handler, after 300 ms of sleep: every run is still going a second in. */
  public static final class SleepsThenAges implements AgeHandler {
    private final AgeHandler aging = new X86AgeHandler();

    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return aging.handle(kvm, range);
    }
  }

  @Test
  void the_test_name_states_the_bound_and_the_budget() {
    System.setProperty(ExplorationBudget.SCHEDULES_PROPERTY, "5000");
    System.setProperty(ExplorationBudget.SECONDS_PROPERTY, "30");

    assertThat(HandlerSuite.exploredBounds(SCENARIO))
        .isEqualTo("up to 2 preemptions, budget 30 s or 5,000 schedules");
    assertThat(HandlerSuite.exploredBounds("unmap-vs-root-free"))
        .isEqualTo("up to 1 preemption, budget 30 s or 5,000 schedules");
  }

  @Test
  void a_budget_that_is_not_a_whole_number_is_refused_with_the_property_name() {
    System.setProperty(ExplorationBudget.SECONDS_PROPERTY, "a minute");

    assertThatThrownBy(ExplorationBudget::current)
        .hasMessage("-Dwalkspec.explore.seconds must be a whole number, got 'a minute'");
  }
}
