package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.explore.Budget;
import java.time.Duration;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The budget of one explored scenario of a handler suite: a wall-clock limit and a schedule limit,
 * each settable with a system property. A budget only bounds how long a search may take; an
 * exploration it cuts short is never a pass ({@link InconclusiveExploration}).
 *
 * @param seconds wall-clock limit of one scenario ({@value #SECONDS_PROPERTY})
 * @param schedules schedule limit of one scenario ({@value #SCHEDULES_PROPERTY})
 */
@API(status = EXPERIMENTAL)
public record ExplorationBudget(long seconds, long schedules) {
  public static final String SECONDS_PROPERTY = "walkspec.explore.seconds";
  public static final String SCHEDULES_PROPERTY = "walkspec.explore.schedules";

  /**
   * The defaults, far above what the bundled scenarios need on a two-core machine (the margin is
   * measured in docs/explorer.md), so that a slow or loaded machine does not turn passes into
   * inconclusive tests.
   */
  static final long DEFAULT_SECONDS = 60;

  static final long DEFAULT_SCHEDULES = 200_000;

  public ExplorationBudget {
    if (seconds < 1) {
      throw new IllegalArgumentException(SECONDS_PROPERTY + " must be 1 or more, got " + seconds);
    }
    if (schedules < 1) {
      throw new IllegalArgumentException(
          SCHEDULES_PROPERTY + " must be 1 or more, got " + schedules);
    }
  }

  /** The budget the system properties set, else the defaults. */
  public static ExplorationBudget current() {
    return new ExplorationBudget(
        property(SECONDS_PROPERTY, DEFAULT_SECONDS),
        property(SCHEDULES_PROPERTY, DEFAULT_SCHEDULES));
  }

  private static long property(String name, long fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + name + " must be a whole number, got '" + value + "'", e);
    }
  }

  /** The explorer's budget: these limits, the explorer's defaults for the rest. */
  Budget toExplorerBudget() {
    return Budget.defaults().withWallClock(Duration.ofSeconds(seconds)).withMaxSchedules(schedules);
  }

  /** "60 s or 200,000 schedules", as test names and reports state it. */
  public String describe() {
    return String.format(Locale.ROOT, "%d s or %,d schedules", seconds, schedules);
  }
}
