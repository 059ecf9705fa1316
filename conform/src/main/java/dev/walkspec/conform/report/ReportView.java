package dev.walkspec.conform.report;

import java.util.List;
import java.util.Optional;

/** Everything the HTML report shows, computed; the template only lays it out. */
public record ReportView(
    String version,
    String seconds,
    int suites,
    int tests,
    long schedules,
    boolean asExpected,
    List<String> differences,
    List<String> specs,
    List<Row> rows,
    List<Failure> failures,
    List<Coverage> coverage) {

  public ReportView {
    differences = List.copyOf(differences);
    specs = List.copyOf(specs);
    rows = List.copyOf(rows);
    failures = List.copyOf(failures);
    coverage = List.copyOf(coverage);
  }

  /** A handler set and its cells, one per spec. */
  public record Row(String set, String description, boolean knownBad, List<Cell> cells) {
    public Row {
      cells = List.copyOf(cells);
    }
  }

  /**
   * A cell: its text ("pass", "H4 H5"), how it compares with the expected outcomes ("pass",
   * "expected", "unexpected", "missing", "na"), a link to the counterexample of each obligation it
   * broke, and a sentence for the tooltip.
   */
  public record Cell(String text, String status, List<Link> links, String title) {
    public Cell {
      links = List.copyOf(links);
    }
  }

  /** An obligation id in a cell, and the anchor of its counterexample. */
  public record Link(String text, String anchor) {}

  /**
   * One broken obligation in one cell, with its counterexample: the obligation as the spec states
   * it, the walker rules it cites (with where the spec writes them), what the check found, and the
   * counterexample's steps as a diagram.
   */
  public record Failure(
      String anchor,
      String set,
      String spec,
      String obligation,
      String statement,
      String rules,
      String binding,
      String test,
      String scenario,
      String finding,
      String reason,
      String report,
      Optional<SequenceDiagram> diagram) {}

  /** Per spec: every obligation, what exercises it, which variants falsify it; gaps flagged. */
  public record Coverage(String spec, List<Item> items) {
    public Coverage {
      items = List.copyOf(items);
    }
  }

  public record Item(String id, String label, String exercisedBy, List<String> falsifiedBy) {
    public Item {
      falsifiedBy = List.copyOf(falsifiedBy);
    }

    public boolean gap() {
      return falsifiedBy.isEmpty();
    }
  }
}
