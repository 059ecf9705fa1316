package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Limits of an exploration. {@code stepsPerRun} bounds one run: an actor still going after that
 * many steps spins or retries without bound (reported as H4, not a hang). {@code wallClock} bounds
 * the whole exploration (the search stops, not exhausted). {@code maxSchedules} bounds the number
 * of runs. {@code shrinkRuns} bounds the runs spent shrinking a counterexample.
 */
@API(status = INTERNAL)
public record Budget(int stepsPerRun, Duration wallClock, long maxSchedules, int shrinkRuns) {
  public Budget {
    Objects.requireNonNull(wallClock, "wall-clock budget");
    if (stepsPerRun < 1) {
      throw new IllegalArgumentException("step budget must be >= 1, got " + stepsPerRun);
    }
    if (wallClock.isNegative() || wallClock.isZero()) {
      throw new IllegalArgumentException("wall-clock budget must be positive, got " + wallClock);
    }
    if (maxSchedules < 1) {
      throw new IllegalArgumentException("schedule budget must be >= 1, got " + maxSchedules);
    }
    if (shrinkRuns < 0) {
      throw new IllegalArgumentException("shrink budget must be >= 0, got " + shrinkRuns);
    }
  }

  /** 10,000 steps per run, 60 s, unlimited schedules, 400 shrinking runs. */
  public static Budget defaults() {
    return new Budget(10_000, Duration.ofSeconds(60), Long.MAX_VALUE, 400);
  }

  public Budget withStepsPerRun(int steps) {
    return new Budget(steps, wallClock, maxSchedules, shrinkRuns);
  }

  public Budget withWallClock(Duration duration) {
    return new Budget(stepsPerRun, duration, maxSchedules, shrinkRuns);
  }

  public Budget withMaxSchedules(long schedules) {
    return new Budget(stepsPerRun, wallClock, schedules, shrinkRuns);
  }

  public Budget withShrinkRuns(int runs) {
    return new Budget(stepsPerRun, wallClock, maxSchedules, runs);
  }
}
