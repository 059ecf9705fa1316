package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.explore.ExplorationResult;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * An exploration that stopped on its budget before it had run every schedule within its preemption
 * bound: not a pass, whatever it saw, since the schedules it did not run may break an obligation.
 * It fails the test (an AssertionError) with how far the search got and the property that raises
 * the budget; the matrix shows such a cell as {@value #VERDICT}.
 */
@API(status = EXPERIMENTAL)
public final class InconclusiveExploration extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** The verdict of a cell or test whose exploration was cut short. */
  public static final String VERDICT = "inconclusive";

  private final String scenario;

  InconclusiveExploration(
      String scenario, int bound, ExplorationResult result, ExplorationBudget budget) {
    super(message(scenario, bound, result, budget));
    this.scenario = scenario;
  }

  public String scenario() {
    return scenario;
  }

  private static String message(
      String scenario, int bound, ExplorationResult result, ExplorationBudget budget) {
    String limit =
        "schedule budget".equals(result.stopReason())
            ? "-D" + ExplorationBudget.SCHEDULES_PROPERTY
            : "-D" + ExplorationBudget.SECONDS_PROPERTY;
    return String.format(
        Locale.ROOT,
        "walkspec: %s: scenario '%s' stopped on its %s after %,d schedules in %.1f s,"
            + " before exploring every schedule with up to %d preemptions (%s); not a pass."
            + " Raise the budget (now %s) with %s",
        VERDICT,
        scenario,
        result.stopReason() == null ? "budget" : result.stopReason(),
        result.schedules(),
        result.elapsed().toMillis() / 1000.0,
        bound,
        rounds(result),
        budget.describe(),
        limit);
  }

  private static String rounds(ExplorationResult result) {
    StringBuilder text = new StringBuilder();
    for (ExplorationResult.Round round : result.rounds()) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append("bound ")
          .append(round.bound())
          .append(": ")
          .append(String.format(Locale.ROOT, "%,d", round.schedules()))
          .append(round.exhausted() ? " exhausted" : " cut short");
    }
    return text.isEmpty() ? "no bound completed" : text.toString();
  }
}
