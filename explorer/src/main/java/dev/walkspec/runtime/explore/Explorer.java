package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * Explores the schedules of a scenario and reports the first failing one, shrunk, as a
 * counterexample. The entry point of generated conformance suites:
 *
 * <pre>{@code
 * Explorer.check(scenario, Strategy.dfs(2), Invariants.standard());
 * }</pre>
 *
 * <p>{@code check} throws {@link ExplorationFailure} (an AssertionError whose message is the full
 * report) when a run breaks an obligation; {@code explore} returns the result either way.
 */
@API(status = INTERNAL)
public final class Explorer {
  private Explorer() {}

  /** Explores with the standard invariants and the default budget. */
  public static ExplorationResult explore(Scenario scenario, Strategy strategy) {
    return explore(scenario, strategy, Invariants.standard(), Budget.defaults());
  }

  public static ExplorationResult explore(
      Scenario scenario, Strategy strategy, List<Invariant> invariants) {
    return explore(scenario, strategy, invariants, Budget.defaults());
  }

  /**
   * Runs {@code strategy} on {@code scenario}, checking the runtime's rules, deadlocks, the step
   * budget and {@code invariants} in every run; stops at the first failure.
   *
   * @throws IllegalArgumentException if a replay string does not fit the scenario
   * @throws IllegalStateException if the scenario is not deterministic
   */
  public static ExplorationResult explore(
      Scenario scenario, Strategy strategy, List<Invariant> invariants, Budget budget) {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(invariants, "invariants");
    Objects.requireNonNull(budget, "budget");
    long start = System.nanoTime();
    long deadline = start + budget.wallClock().toNanos();
    try (Engine engine = new Engine(scenario, invariants, budget)) {
      Search search = new Search(engine, scenario, strategy, invariants, budget, deadline);
      search.run();
      return search.result(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** {@link #explore} with the standard invariants and default budget, throwing on failure. */
  public static ExplorationResult check(Scenario scenario, Strategy strategy) {
    return check(scenario, strategy, Invariants.standard(), Budget.defaults());
  }

  public static ExplorationResult check(
      Scenario scenario, Strategy strategy, List<Invariant> invariants) {
    return check(scenario, strategy, invariants, Budget.defaults());
  }

  /**
   * Explores and throws {@link ExplorationFailure} with the full report if a run failed.
   *
   * @return the result of an exploration that found no failure (check {@code exhausted()})
   */
  public static ExplorationResult check(
      Scenario scenario, Strategy strategy, List<Invariant> invariants, Budget budget) {
    ExplorationResult result = explore(scenario, strategy, invariants, budget);
    if (result.failed()) {
      throw new ExplorationFailure(result);
    }
    return result;
  }

  /** One exploration: the strategy's loop, then shrinking and the report of a failure. */
  private static final class Search {
    private final Engine engine;
    private final Scenario scenario;
    private final Strategy strategy;
    private final List<Invariant> invariants;
    private final Budget budget;
    private final long deadline;
    private final List<ExplorationResult.Round> rounds = new ArrayList<>();
    private long schedules;
    private long pruned;
    private long steps;
    private boolean exhausted;
    private String stopReason;
    private RunOutcome failing;
    private String foundBy;
    private Counterexample counterexample;

    Search(
        Engine engine,
        Scenario scenario,
        Strategy strategy,
        List<Invariant> invariants,
        Budget budget,
        long deadline) {
      this.engine = engine;
      this.scenario = scenario;
      this.strategy = strategy;
      this.invariants = invariants;
      this.budget = budget;
      this.deadline = deadline;
    }

    void run() {
      if (strategy instanceof Strategy.Dfs) {
        dfs(((Strategy.Dfs) strategy).bound());
      } else if (strategy instanceof Strategy.Pct) {
        pct((Strategy.Pct) strategy);
      } else {
        replay(((Strategy.Replay) strategy).schedule());
      }
      if (failing != null) {
        report();
      }
    }

    private boolean outOfBudget() {
      if (System.nanoTime() - deadline >= 0) {
        stopReason = "wall-clock budget";
        return true;
      }
      if (schedules >= budget.maxSchedules()) {
        stopReason = "schedule budget";
        return true;
      }
      return false;
    }

    /** One run of the search; a run the deadline cut counts as none (the search stops). */
    private RunOutcome execute(Chooser chooser) {
      RunOutcome outcome = engine.execute(chooser, false, deadline);
      if (outcome.cut) {
        stopReason = "wall-clock budget";
        return outcome;
      }
      schedules++;
      steps += outcome.steps.size();
      if (outcome.pruned) {
        pruned++;
      }
      return outcome;
    }

    private void dfs(int bound) {
      for (int k = 0; k <= bound; k++) {
        DfsSearch search = new DfsSearch(k, DfsSearch.Reduction.BOUNDED_DPOR);
        long before = schedules;
        boolean done = false;
        while (!outOfBudget()) {
          RunOutcome outcome = execute(search.chooser());
          if (outcome.cut) {
            break;
          }
          search.runEnded(outcome.failure == null && !outcome.pruned);
          if (outcome.failure != null) {
            failing = outcome;
            foundBy =
                strategy.render()
                    + ", in the round of bound "
                    + k
                    + ", at schedule "
                    + (schedules - before)
                    + " of that round";
            rounds.add(new ExplorationResult.Round(k, schedules - before, false));
            stopReason = "failure";
            return;
          }
          if (!search.backtrack()) {
            done = true;
            break;
          }
        }
        rounds.add(new ExplorationResult.Round(k, schedules - before, done));
        if (!done) {
          return;
        }
      }
      exhausted = true;
    }

    private void pct(Strategy.Pct pct) {
      SplittableRandom seeds = new SplittableRandom(pct.seed());
      int length = 0;
      for (int i = 0; i < pct.runs() && !outOfBudget(); i++) {
        SplittableRandom random = seeds.split();
        Chooser chooser =
            length == 0
                ? Decision::defaultChoice
                : new PctChooser(scenario.actorCount(), pct.depth(), length, random);
        // A cut run ends the loop: the deadline that cut it has passed (outOfBudget).
        RunOutcome outcome = execute(chooser);
        length = Math.max(length, outcome.steps.size());
        if (outcome.failure != null) {
          failing = outcome;
          foundBy = strategy.render() + ", at run " + schedules;
          stopReason = "failure";
          return;
        }
      }
    }

    private void replay(Schedule schedule) {
      if (schedule.scenario() != null && !schedule.scenario().equals(scenario.name())) {
        throw new IllegalArgumentException(
            "the replay string is for scenario '"
                + schedule.scenario()
                + "', not '"
                + scenario.name()
                + "'");
      }
      RunOutcome outcome = execute(new ReplayChooser(schedule, true, scenario));
      if (outcome.cut) {
        return;
      }
      exhausted = true;
      if (outcome.failure != null) {
        failing = outcome;
        foundBy = "replay of " + schedule.named(scenario.name());
        stopReason = "failure";
        exhausted = false;
      }
    }

    private void report() {
      Schedule found = failing.schedule(scenario.name());
      if (engine.broken()) {
        // An actor never came back: nothing can run again, report the run as it was recorded.
        counterexample =
            Report.counterexample(scenario, invariants, failing, found, foundBy, schedules, null);
        return;
      }
      Schedule schedule = found;
      String shrinking = null;
      if (!(strategy instanceof Strategy.Replay)) {
        Shrinker.Shrunk shrunk =
            Shrinker.shrink(engine, found, failing, budget.shrinkRuns(), deadline + slack());
        shrinking = shrinking(shrunk);
        schedule = shrunk.schedule();
      }
      RunOutcome detailed =
          engine.execute(new ReplayChooser(schedule, true, scenario), true, deadline + slack());
      if (detailed.cut) {
        // Out of time even with the slack: report the failing run as the search recorded it.
        counterexample =
            Report.counterexample(scenario, invariants, failing, found, foundBy, schedules, null);
        return;
      }
      if (detailed.failure == null
          || !detailed.failure.obligation().equals(failing.failure.obligation())) {
        throw new IllegalStateException(
            "the scenario is not deterministic: replaying "
                + schedule
                + " did not fail with "
                + failing.failure.obligation()
                + " again; the search's run failed with: "
                + failing.failure.message());
      }
      counterexample =
          Report.counterexample(
              scenario, invariants, detailed, schedule, foundBy, schedules, shrinking);
    }

    /**
     * What shrinking did, for the schedule line: what it shrank from, and whether its budget
     * stopped it before a fixpoint (issue 19: a search cut short says so); null when it changed
     * nothing and finished.
     */
    private String shrinking(Shrinker.Shrunk shrunk) {
      List<String> parts = new ArrayList<>();
      if (shrunk.outcome().preemptions != failing.preemptions
          || Shrinker.failingStep(shrunk.outcome()) != Shrinker.failingStep(failing)) {
        parts.add(
            "shrunk from "
                + Report.count(Shrinker.failingStep(failing), "step")
                + ", "
                + Report.count(failing.preemptions, "preemption"));
      }
      if (!shrunk.complete()) {
        parts.add(
            "shrinking stopped on its budget after "
                + Report.count(shrunk.runs(), "run")
                + ": a smaller schedule may exist");
      }
      return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Shrinking and the report get time of their own beyond the search's budget. */
    private long slack() {
      long now = System.nanoTime();
      return Math.max(0, now - deadline) + budget.wallClock().toNanos() / 4;
    }

    ExplorationResult result(Duration elapsed) {
      return new ExplorationResult(
          scenario.name(),
          strategy.render(),
          exhausted,
          stopReason,
          schedules,
          pruned,
          steps,
          rounds,
          Optional.ofNullable(counterexample),
          elapsed);
    }
  }
}
