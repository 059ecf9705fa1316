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
    long millis) {
  public MatrixResult {
    specs = List.copyOf(specs);
    sets = List.copyOf(sets);
    cells = Map.copyOf(cells);
  }

  static String key(String set, String spec) {
    return set + "\u0000" + spec;
  }

  public Optional<MatrixCell> cell(String set, String spec) {
    return Optional.ofNullable(cells.get(key(set, spec)));
  }
}
