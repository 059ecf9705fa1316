package dev.walkspec.conform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A whole conformance run: specs (columns), handler sets (rows), cells, and what was run.
 *
 * @param readLockers the handler classes that took the MMU lock for read inside a lockless walk
 *     (advisory notes, not failures; H1 allows it)
 * @param phases where the run's time went, phase by phase, in order
 */
public record MatrixResult(
    List<String> specs,
    List<HandlerSet> sets,
    Map<String, MatrixCell> cells,
    int suites,
    int tests,
    long schedules,
    long millis,
    CacheUse cache,
    Set<String> readLockers,
    List<Phase> phases) {
  public MatrixResult {
    specs = List.copyOf(specs);
    sets = List.copyOf(sets);
    cells = Map.copyOf(cells);
    readLockers = Set.copyOf(readLockers);
    phases = List.copyOf(phases);
  }

  /** One phase of a run (planning, generating, compiling, running) and its wall-clock time. */
  public record Phase(String name, long millis) {}

  /** A result of a run without the result cache. */
  public MatrixResult(
      List<String> specs,
      List<HandlerSet> sets,
      Map<String, MatrixCell> cells,
      int suites,
      int tests,
      long schedules,
      long millis) {
    this(specs, sets, cells, suites, tests, schedules, millis, CacheUse.NONE, Set.of(), List.of());
  }

  /**
   * What the result cache gave (issue 19): how many of the run's judgements it reused, how many
   * tests those had taken, and the cells whose judgements (some or all) ran again.
   *
   * @param used whether the run looked in a cache at all
   */
  public record CacheUse(
      boolean used, int reused, int judgements, int reusedTests, List<String> rerunCells) {
    public static final CacheUse NONE = new CacheUse(false, 0, 0, 0, List.of());

    public CacheUse {
      rerunCells = List.copyOf(rerunCells);
    }
  }

  /** A result from its cells (each keyed by its set and spec). */
  public static MatrixResult of(
      List<String> specs,
      List<HandlerSet> sets,
      List<MatrixCell> cells,
      int suites,
      int tests,
      long schedules,
      long millis) {
    Map<String, MatrixCell> byKey = new LinkedHashMap<>();
    cells.forEach(c -> byKey.put(key(c.set(), c.spec()), c));
    return new MatrixResult(specs, sets, byKey, suites, tests, schedules, millis);
  }

  static String key(String set, String spec) {
    return set + "\u0000" + spec;
  }

  public Optional<MatrixCell> cell(String set, String spec) {
    return Optional.ofNullable(cells.get(key(set, spec)));
  }
}
