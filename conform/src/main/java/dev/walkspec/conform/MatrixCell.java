package dev.walkspec.conform;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One cell of the matrix: a handler set against one spec. {@code failed} holds the obligations some
 * generated test found broken, with the report of the first such failure for each. {@code checked}
 * is how many (operation, obligation) pairs were judged for the cell.
 */
public record MatrixCell(
    String set, String spec, SortedSet<String> failed, Map<String, Failure> failures, int checked) {
  public MatrixCell {
    failed = Collections.unmodifiableSortedSet(new TreeSet<>(failed));
    failures = Map.copyOf(failures);
  }

  /**
   * Why an obligation failed: where (operation and profile), the suite's report, and the one
   * command that reproduces it from a checkout ({@code walkspec replay ...} for an explored
   * counterexample, {@code walkspec conform ... --keep-suites DIR} for a one-call property).
   */
  public record Failure(
      String obligation, String binding, String testName, String report, String reproduce) {}

  /** The failures in the order of their obligations (H9 before H11). */
  public List<Failure> failuresInOrder() {
    return failed.stream().map(failures::get).filter(Objects::nonNull).toList();
  }

  public boolean passed() {
    return failed.isEmpty();
  }

  /** "pass", or the failed obligation ids ("H4 H5"). */
  public String summary() {
    return passed() ? (checked == 0 ? "n/a" : "pass") : String.join(" ", failed);
  }
}
