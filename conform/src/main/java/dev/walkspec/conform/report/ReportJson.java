package dev.walkspec.conform.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.walkspec.conform.ExpectedOutcomes;
import dev.walkspec.conform.MatrixCell;
import dev.walkspec.conform.MatrixResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code walkspec conform --format json}: the matrix for tools, one object per cell. Keys are
 * snake_case ({@code as_expected}, {@code test_name}), as in every other command's JSON.
 */
public final class ReportJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private ReportJson() {}

  /**
   * The whole run, with how it was made ({@code run}), what the ports and what-if sets broke
   * ({@code findings}) and the planted-bug self-test, as the HTML report opens with them; {@code
   * specMutants} is null when the canonical spec was not among the specs.
   */
  public record Run(
      String version,
      ReportView.RunInfo run,
      List<ReportView.Finding> findings,
      ReportView.SelfTest selfTest,
      List<String> specs,
      List<String> handlers,
      List<Cell> cells,
      boolean asExpected,
      List<String> differences,
      int suites,
      int tests,
      long schedules,
      long millis,
      String report,
      ReportView.Mutation specMutants) {}

  /**
   * One cell: the obligations it broke and the ones expected-outcomes.tsv says it breaks, its
   * status as the HTML report colours it, the first failure of each broken obligation, and how long
   * its judgements took.
   */
  public record Cell(
      String handler,
      String spec,
      String status,
      Set<String> failed,
      Set<String> expected,
      int checked,
      List<MatrixCell.Failure> failures,
      Duration duration) {}

  /**
   * A cell's time (see {@link MatrixCell.Time}): {@code shown} as the report shows it ("12.3 s",
   * "cached", "-"), {@code millis} of the judgements that ran now, {@code sharedMillis} the part of
   * it from judgements other cells shared (counted in each), how many judgements ran, were shared,
   * came from the cache, and what the cached ones took when they ran.
   */
  public record Duration(
      String shown,
      long millis,
      long sharedMillis,
      int judgementsRun,
      int judgementsShared,
      int judgementsCached,
      long cachedMillis) {
    static Duration of(MatrixCell.Time time) {
      return new Duration(
          time.shown(),
          time.millis(),
          time.sharedMillis(),
          time.ran(),
          time.shared(),
          time.cached(),
          time.cachedMillis());
    }
  }

  public static String of(
      ReportView view, MatrixResult result, ExpectedOutcomes expected, String reportPath)
      throws JsonProcessingException {
    List<Cell> cells = new ArrayList<>();
    for (ReportView.Row row : view.rows()) {
      for (int c = 0; c < view.specs().size(); c++) {
        String spec = view.specs().get(c);
        MatrixCell cell = result.cell(row.set(), spec).orElseThrow();
        cells.add(
            new Cell(
                row.set(),
                spec,
                row.cells().get(c).status(),
                cell.failed(),
                new TreeSet<>(expected.expected(row.set(), spec, result.specs()).getKey()),
                cell.checked(),
                cell.failuresInOrder(),
                Duration.of(cell.time())));
      }
    }
    Run run =
        new Run(
            view.version(),
            view.run(),
            view.findings(),
            view.selfTest(),
            view.specs(),
            view.rows().stream().map(ReportView.Row::set).toList(),
            cells,
            view.asExpected(),
            view.differences(),
            view.suites(),
            view.tests(),
            view.schedules(),
            result.millis(),
            reportPath,
            view.mutation().orElse(null));
    return JSON.writeValueAsString(run) + "\n";
  }
}
