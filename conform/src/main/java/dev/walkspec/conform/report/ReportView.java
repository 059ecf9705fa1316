package dev.walkspec.conform.report;

import dev.walkspec.conform.HandlerSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the HTML report shows, computed; the template only lays it out. */
public record ReportView(
    String version,
    RunInfo run,
    List<Finding> findings,
    SelfTest selfTest,
    String seconds,
    int suites,
    int tests,
    long schedules,
    boolean asExpected,
    List<String> differences,
    List<String> specs,
    List<Row> rows,
    List<Failure> failures,
    List<Coverage> coverage,
    Optional<Mutation> mutation) {

  public ReportView {
    findings = List.copyOf(findings);
    differences = List.copyOf(differences);
    specs = List.copyOf(specs);
    rows = List.copyOf(rows);
    failures = List.copyOf(failures);
    coverage = List.copyOf(coverage);
  }

  /**
   * The counterexamples as the report shows them: a handler set often breaks an obligation the same
   * way under several specs (the same report, word for word), and then one card stands for all.
   */
  public List<Card> cards() {
    Map<String, List<Failure>> groups = new LinkedHashMap<>();
    for (Failure f : failures) {
      groups
          .computeIfAbsent(
              f.set() + "\u0000" + f.obligation() + "\u0000" + f.report(), k -> new ArrayList<>())
          .add(f);
    }
    return groups.values().stream().map(Card::new).toList();
  }

  /** One card: identical counterexamples of one handler set under one or more specs. */
  public record Card(List<Failure> failures) {
    public Card {
      failures = List.copyOf(failures);
    }

    public Failure first() {
      return failures.get(0);
    }

    /** "kvm, v7-int-results". */
    public String specs() {
      return String.join(", ", failures.stream().map(Failure::spec).toList());
    }

    /** The anchors of the other specs' failures, which the matrix links to. */
    public List<String> otherAnchors() {
      return failures.stream().skip(1).map(Failure::anchor).toList();
    }

    /** The matrix cells of this card, by spec: its links back to the matrix. */
    public List<Link> cells() {
      return failures.stream()
          .map(f -> new Link(f.spec(), ReportBuilder.anchor(f.set(), f.spec())))
          .toList();
    }

    /** Whether the card is walkspec's self-test (a planted bug) rather than a kernel finding. */
    public boolean planted() {
      return first().kind().equals(HandlerSet.Kind.PLANTED.label());
    }

    /**
     * Where the card's set is summed up: its row of the findings table, or the self-test for a
     * planted bug (which the findings table leaves out).
     */
    public String summaryAnchor() {
      return planted() ? "self-test" : ReportBuilder.findingAnchor(first().set());
    }

    /**
     * What the report's filter searches, lower case: the set, the specs, the operation, the test
     * name and the obligation (the script matches an obligation id such as "h3" against the
     * obligation alone, any other word anywhere in this).
     */
    public String search() {
      Failure f = first();
      return String.join(
              " ", f.set(), f.obligation(), specs().replace(",", ""), f.binding(), f.test())
          .toLowerCase(java.util.Locale.ROOT);
    }

    /** The distinct reasons the expected outcomes give the cells of this card. */
    public List<String> reasons() {
      return failures.stream().map(Failure::reason).filter(r -> !r.isEmpty()).distinct().toList();
    }
  }

  /**
   * How the run was made, so that a reader can tell two reports apart and make the same run again.
   *
   * @param date when the report was written (UTC)
   * @param jdk the Java runtime that ran the suites
   * @param cores the processors the JVM saw
   * @param seed the fixed seed of every property
   * @param tries the tries of each property
   * @param budget the exploration budget of each explored scenario
   * @param command the command line that made the run
   */
  public record RunInfo(
      String date, String jdk, int cores, String seed, int tries, String budget, String command) {}

  /**
   * What a kernel developer reads first: a handler set that is not a planted bug (an arch's port as
   * the kernel has it, or a what-if change to one), its kind, and every obligation it broke with
   * the specs, the reason the reviewed expectations give, and the card that shows it.
   */
  public record Finding(
      String set, String kind, String description, String verdict, List<Broken> broken) {
    public Finding {
      broken = List.copyOf(broken);
    }
  }

  /**
   * One obligation a set broke: under which specs, why, the anchor of its first card, and for a
   * kernel port whether a range from mm can reach it ({@code reach}; empty where not judged).
   */
  public record Broken(
      String obligation, String title, String specs, String reason, String anchor, String reach) {}

  /**
   * walkspec's self-test: the planted-bug sets, how many broke exactly what expected-outcomes.tsv
   * lists for them on every spec, and the ones that did not.
   */
  public record SelfTest(int planted, int asListed, List<String> notAsListed) {
    public SelfTest {
      notAsListed = List.copyOf(notAsListed);
    }
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
   * broke, a sentence for the tooltip, and how long its judgements took ({@code time}: "12.3 s",
   * "cached" or "-"; {@code millis}, 0 when cached; {@code timeTitle}, the sentence that says which
   * part was shared with other cells), and the cell's own anchor (its counterexamples' anchors
   * start with it; their cards link back to it).
   */
  public record Cell(
      String text,
      String status,
      List<Link> links,
      String title,
      String time,
      long millis,
      String timeTitle,
      String anchor) {
    public Cell {
      links = List.copyOf(links);
    }
  }

  /** A cell among the slowest: "TdpAgePlainStore on kvm", its time and what of it was shared. */
  public record Slow(String cell, String anchor, String time, String detail) {}

  /** The {@code n} cells whose judgements took longest in this run (cached cells took none). */
  public List<Slow> slowest(int n) {
    record At(Row row, int column) {
      Cell cell() {
        return row.cells().get(column);
      }
    }
    List<At> all = new ArrayList<>();
    for (Row row : rows) {
      for (int c = 0; c < row.cells().size(); c++) {
        if (row.cells().get(c).millis() > 0) {
          all.add(new At(row, c));
        }
      }
    }
    return all.stream()
        .sorted(java.util.Comparator.comparingLong((At a) -> a.cell().millis()).reversed())
        .limit(n)
        .map(
            a ->
                new Slow(
                    a.row().set() + " on " + specs.get(a.column()),
                    ReportBuilder.anchor(a.row().set(), specs.get(a.column())),
                    a.cell().time(),
                    a.cell().timeTitle()))
        .toList();
  }

  /** An obligation id in a cell, and the anchor of its counterexample. */
  public record Link(String text, String anchor) {}

  /**
   * One broken obligation in one cell, with its counterexample: the obligation as the spec states
   * it, the walker rules it cites (with where the spec writes them), what the check found, and the
   * counterexample's steps as a diagram; {@code kind} is the set's ("kernel port", "planted bug").
   */
  public record Failure(
      String anchor,
      String set,
      String spec,
      String obligation,
      String title,
      String statement,
      String rules,
      String binding,
      String test,
      String scenario,
      String finding,
      String reason,
      String report,
      String reproduce,
      Optional<SequenceDiagram> diagram,
      Optional<String> pageTables,
      String kind) {}

  /**
   * Per spec: every obligation and every rule (walker rules W*, operations C*), what exercises it,
   * which known-bad variants or spec mutants falsify it; gaps flagged.
   */
  public record Coverage(String spec, List<Item> items, List<Item> rules) {
    public Coverage {
      items = List.copyOf(items);
      rules = List.copyOf(rules);
    }
  }

  /**
   * The spec mutants run on one spec (the canonical one): how many each verdict got, and each
   * mutant with the rule it edits, its verdict and what killed it (or why it is equivalent).
   */
  public record Mutation(
      String spec,
      int total,
      int byChecker,
      int bySuites,
      int survived,
      int notRun,
      List<Mutant> mutants) {
    public Mutation {
      mutants = List.copyOf(mutants);
    }
  }

  /** One spec mutant: "drop W10", "W10", "killed by the walker suites", the first failure. */
  public record Mutant(String name, String rule, String verdict, String detail) {}

  /**
   * An obligation or rule of the coverage table: what exercises it, what falsifies it, and whether
   * anything that could falsify it ran at all (a run without known-bad variants or spec mutants
   * cannot show a gap: it did not look).
   */
  public record Item(
      String id, String label, String exercisedBy, List<String> falsifiedBy, boolean run) {
    public Item {
      falsifiedBy = List.copyOf(falsifiedBy);
    }

    public Item(String id, String label, String exercisedBy, List<String> falsifiedBy) {
      this(id, label, exercisedBy, falsifiedBy, true);
    }

    public boolean gap() {
      return run && falsifiedBy.isEmpty();
    }

    public boolean notRun() {
      return !run && falsifiedBy.isEmpty();
    }
  }
}
