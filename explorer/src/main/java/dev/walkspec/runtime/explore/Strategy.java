package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How the explorer picks schedules: systematic depth-first search with a preemption bound and
 * partial-order reduction, PCT random scheduling, or the replay of one schedule.
 */
@API(status = INTERNAL)
public sealed interface Strategy permits Strategy.Dfs, Strategy.Pct, Strategy.Replay {
  /** A short rendering, e.g. {@code dfs(bound=2)}. */
  String render();

  /**
   * Depth-first search of every schedule with at most {@code bound} preemptions, bound 0 first,
   * then 1, ... up to {@code bound} (iterative), skipping schedules that differ from an explored
   * one only in the order of independent steps.
   */
  static Strategy dfs(int bound) {
    return new Dfs(bound);
  }

  /**
   * PCT: {@code runs} random runs, each with random actor priorities and {@code depth - 1} random
   * priority change points (finds with good probability bugs of depth {@code depth}); the runs
   * follow from {@code seed}.
   */
  static Strategy pct(int depth, int runs, long seed) {
    return new Pct(depth, runs, seed);
  }

  /** One run following {@code schedule} (a replay string, with or without the scenario name). */
  static Strategy replay(String schedule) {
    return new Replay(Schedule.parse(schedule));
  }

  /** Iterative bounded depth-first search. */
  record Dfs(int bound) implements Strategy {
    public Dfs {
      if (bound < 0) {
        throw new IllegalArgumentException("preemption bound must be >= 0, got " + bound);
      }
    }

    @Override
    public String render() {
      return "dfs(bound=" + bound + ")";
    }
  }

  /** Probabilistic concurrency testing. */
  record Pct(int depth, int runs, long seed) implements Strategy {
    public Pct {
      if (depth < 1) {
        throw new IllegalArgumentException("PCT depth must be >= 1, got " + depth);
      }
      if (runs < 1) {
        throw new IllegalArgumentException("PCT runs must be >= 1, got " + runs);
      }
    }

    @Override
    public String render() {
      return "pct(depth=" + depth + ", runs=" + runs + ", seed=" + seed + ")";
    }
  }

  /** Replay of one schedule. */
  record Replay(Schedule schedule) implements Strategy {
    public Replay {
      Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public String render() {
      return "replay(" + schedule + ")";
    }
  }
}
