package dev.walkspec.suite;

import dev.walkspec.check.Binding;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.WriteProtector;
import dev.walkspec.runtime.explore.ExplorationFailure;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.explore.Invariants;
import dev.walkspec.runtime.explore.Strategy;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A handler suite's explored checks: one concurrent scenario explored exhaustively up to its bound,
 * or one schedule of it replayed, with the failure naming the spec's obligation (a value, {@link
 * ExploredFailure#obligation()}), the handler under test and the command that replays it.
 */
final class ExploredRuns {
  /** The line of an explored failure that gives the command replaying it. */
  static final String REPRODUCE = "reproduce: ";

  private final Binding binding;
  private final ConcurrentScenarios scenarios;
  private final Map<String, Obligation> obligations;
  private final String specPath;
  private final Supplier<? extends GfnHandler> handlers;
  private final Optional<Supplier<? extends WriteProtector>> writer;
  private final String subject;

  ExploredRuns(
      Binding binding,
      ConcurrentScenarios scenarios,
      Map<String, Obligation> obligations,
      String specPath,
      Supplier<? extends GfnHandler> handlers,
      Optional<Supplier<? extends WriteProtector>> writer,
      String subject) {
    this.binding = binding;
    this.scenarios = scenarios;
    this.obligations = obligations;
    this.specPath = specPath;
    this.handlers = handlers;
    this.writer = writer;
    this.subject = subject;
  }

  /**
   * Every schedule of {@code scenario} up to its bound; inconclusive if the budget cut it short.
   */
  ExplorationResult explore(String scenario) {
    int bound = ConcurrentScenarios.preemptionBound(scenario);
    ExplorationBudget budget = ExplorationBudget.current();
    ExplorationResult result = run(scenario, Strategy.dfs(bound), budget);
    // A search its budget cut short saw only part of the schedules: not a pass (issue 19).
    if (!result.exhausted()) {
      throw new InconclusiveExploration(scenario, bound, result, budget);
    }
    return result;
  }

  /** One schedule, given as a replay string, with the checks and budget of {@link #explore}. */
  ExplorationResult replay(String scenario, String replay) {
    return run(scenario, Strategy.replay(replay), ExplorationBudget.current());
  }

  private ExplorationResult run(String scenario, Strategy strategy, ExplorationBudget budget) {
    refuseExit(handlers.get().getClass());
    writer.ifPresent(w -> refuseExit(w.get().getClass()));
    try {
      return Explorer.check(
          scenarios.scenario(scenario), strategy, Invariants.standard(), budget.toExplorerBudget());
    } catch (ExplorationFailure failure) {
      // The report names actors; the last lines name the class under test and the command that
      // replays the counterexample outside the build (walkspec replay, docs/explorer.md).
      String command = replayCommand(failure.counterexample().replay());
      String broken = failure.counterexample().obligation();
      AssertionError withSubject =
          new ExploredFailure(
              failure.getMessage()
                  + "\nwalkspec: the handler under test: "
                  + subject
                  + "\n"
                  + REPRODUCE
                  + command,
              failure.result(),
              command,
              Optional.of(broken).filter(obligations::containsKey));
      withSubject.setStackTrace(failure.getStackTrace());
      throw withSubject;
    }
  }

  private void refuseExit(Class<?> type) {
    ExitRefusal.check(type, "handler class " + type.getName() + " (" + subject + ")");
  }

  /**
   * The command that replays an explored counterexample of this suite from a build's base
   * directory: the spec the suite was generated from, the binding, the classes under test (from the
   * build's class directories) and the replay string.
   */
  String replayCommand(String replay) {
    StringBuilder command =
        new StringBuilder("walkspec replay --spec ")
            .append(Shell.quote(specPath))
            .append(" --binding ")
            .append(Shell.quote(binding.displayName()))
            .append(" --handler ")
            .append(
                Shell.quote(CheckedCall.kind(binding) + "=" + handlers.get().getClass().getName()));
    writer.ifPresent(
        w -> command.append(" --writer ").append(Shell.quote(w.get().getClass().getName())));
    return command
        .append(" --classpath target/classes:target/test-classes ")
        .append(Shell.quote(replay))
        .toString();
  }
}
