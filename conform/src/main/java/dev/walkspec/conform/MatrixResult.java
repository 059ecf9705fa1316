package dev.walkspec.conform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole conformance run: specs (columns), handler sets (rows), cells, and what was run. */
public record MatrixResult(
    List<String> specs,
    List<HandlerSet> sets,
    Map<String, MatrixCell> cells,
    int suites,
    int tests,
    long schedules,
    long millis) {
  public MatrixResult {
    specs = List.copyOf(specs);
    sets = List.copyOf(sets);
    cells = Map.copyOf(cells);
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
    Map<String, MatrixCell> byKey = new java.util.LinkedHashMap<>();
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
