package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What an exploration did.
 *
 * @param exhausted whether every schedule the strategy covers was explored (DFS: every schedule
 *     within the preemption bound, up to equivalence; never for PCT)
 * @param stopReason why the search stopped early ({@code failure}, {@code wall-clock budget},
 *     {@code schedule budget}), or null when it ran to its end
 * @param schedules runs made by the search (shrinking and reporting not included)
 * @param pruned runs the partial-order reduction ended early as equivalent to explored ones (none
 *     with the default DPOR, which starts only runs a race calls for; the sleep sets cut some)
 * @param steps steps taken in all those runs
 * @param rounds for DFS, one entry per preemption bound
 */
@API(status = INTERNAL)
public record ExplorationResult(
    String scenario,
    String strategy,
    boolean exhausted,
    String stopReason,
    long schedules,
    long pruned,
    long steps,
    List<Round> rounds,
    Optional<Counterexample> counterexample,
    Duration elapsed) {
  public ExplorationResult {
    rounds = List.copyOf(rounds);
  }

  /** One preemption bound of an iterative DFS. */
  public record Round(int bound, long schedules, boolean exhausted) {}

  public boolean failed() {
    return counterexample.isPresent();
  }

  /** One line without timings, e.g. {@code lost-zap: dfs(bound=2): exhausted, 41 schedules}. */
  public String summary() {
    StringBuilder text = new StringBuilder(scenario).append(": ").append(strategy).append(": ");
    if (counterexample.isPresent()) {
      Counterexample c = counterexample.get();
      text.append("breaks ")
          .append(c.obligation())
          .append(" after ")
          .append(c.schedulesToFailure());
      text.append(c.schedulesToFailure() == 1 ? " schedule" : " schedules");
    } else {
      text.append(exhausted ? "exhausted" : "not exhausted");
      if (stopReason != null) {
        text.append(" (").append(stopReason).append(')');
      }
      text.append(", ").append(schedules).append(schedules == 1 ? " schedule" : " schedules");
    }
    for (Round round : rounds) {
      text.append("; bound ").append(round.bound()).append(": ").append(round.schedules());
      text.append(round.exhausted() ? " exhausted" : "");
    }
    return text.toString();
  }
}
