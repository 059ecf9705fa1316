package dev.walkspec.conform.report;

import dev.walkspec.Version;
import dev.walkspec.check.Binding;
import dev.walkspec.check.Obligations;
import dev.walkspec.conform.CanonicalMutants;
import dev.walkspec.conform.ExpectedOutcomes;
import dev.walkspec.conform.HandlerSet;
import dev.walkspec.conform.Matrix;
import dev.walkspec.conform.MatrixCell;
import dev.walkspec.conform.MatrixResult;
import dev.walkspec.diag.Pos;
import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.model.Rule;
import dev.walkspec.mutate.MutantOutcome;
import dev.walkspec.suite.InconclusiveExploration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Builds the report's view from a matrix run and the reviewed expected outcomes. */
public final class ReportBuilder {
  private ReportBuilder() {}

  public static ReportView build(
      MatrixResult result,
      ExpectedOutcomes expected,
      List<Matrix.NamedSpec> specs,
      Optional<CanonicalMutants> mutants,
      ReportView.RunInfo run) {
    return build(result, expected, specs, mutants, run, Map.of());
  }

  /**
   * The report, with what can reach each kernel port's finding from mm ({@code reach}, by
   * "set/obligation"; issue 17 item 5).
   */
  public static ReportView build(
      MatrixResult result,
      ExpectedOutcomes expected,
      List<Matrix.NamedSpec> specs,
      Optional<CanonicalMutants> mutants,
      ReportView.RunInfo run,
      Map<String, String> reach) {
    List<ExpectedOutcomes.Difference> differing = expected.differences(result);
    List<String> differences =
        differing.stream().map(ExpectedOutcomes.Difference::describe).toList();
    List<ReportView.Row> rows = new ArrayList<>();
    List<ReportView.Failure> failures = new ArrayList<>();
    Map<String, Matrix.NamedSpec> named = new LinkedHashMap<>();
    specs.forEach(s -> named.put(s.name(), s));
    for (HandlerSet set : result.sets()) {
      List<ReportView.Cell> cells = new ArrayList<>();
      for (String spec : result.specs()) {
        MatrixCell cell = result.cell(set.name(), spec).orElseThrow();
        Set<String> want = expected.expected(set.name(), spec, result.specs()).getKey();
        String anchor = anchor(set.name(), spec);
        cells.add(
            new ReportView.Cell(
                cell.summary(),
                status(cell, want),
                sorted(cell).stream()
                    .map(f -> new ReportView.Link(f.obligation(), anchor + "-" + f.obligation()))
                    .toList(),
                title(set, spec, cell, want, expected, result),
                cell.time().shown(),
                cell.time().isCached() ? 0 : cell.time().millis(),
                cell.time().describe(),
                anchor));
        for (MatrixCell.Failure f : sorted(cell)) {
          failures.add(
              failure(
                  anchor,
                  set,
                  named.get(spec),
                  f,
                  expected.reason(set.name(), spec, f.obligation(), result.specs()).orElse("")));
        }
      }
      rows.add(new ReportView.Row(set.name(), set.description(), set.isKnownBad(), cells));
    }
    return new ReportView(
        Version.get(),
        run,
        findings(result, expected, failures, reach),
        selfTest(result, differing),
        String.format(Locale.ROOT, "%.1f", result.millis() / 1000.0),
        result.suites(),
        result.tests(),
        result.schedules(),
        differences.isEmpty(),
        differences,
        result.specs(),
        rows,
        failures,
        coverage(result, specs, mutants),
        mutants.map(m -> RuleCoverage.mutation(m.spec(), m.outcomes())));
  }

  /**
   * Every handler set that is not a planted bug, with what it broke: what a kernel developer reads
   * first (issue 18: kernel findings apart from the self-test).
   */
  private static List<ReportView.Finding> findings(
      MatrixResult result,
      ExpectedOutcomes expected,
      List<ReportView.Failure> failures,
      Map<String, String> reach) {
    List<ReportView.Finding> out = new ArrayList<>();
    for (HandlerSet set : result.sets()) {
      if (set.kind() == HandlerSet.Kind.PLANTED) {
        continue;
      }
      Map<String, List<ReportView.Failure>> byObligation = new TreeMap<>(OBLIGATION_ORDER);
      failures.stream()
          .filter(f -> f.set().equals(set.name()))
          .forEach(
              f -> byObligation.computeIfAbsent(f.obligation(), k -> new ArrayList<>()).add(f));
      List<ReportView.Broken> broken = new ArrayList<>();
      byObligation.forEach(
          (obligation, fs) ->
              broken.add(
                  new ReportView.Broken(
                      obligation,
                      fs.get(0).title(),
                      fs.size() == result.specs().size()
                          ? "every spec (" + fs.size() + ")"
                          : String.join(", ", fs.stream().map(ReportView.Failure::spec).toList()),
                      // A cell's reason joins the reasons of its lines ("; "): each once.
                      fs.stream()
                          .flatMap(f -> Arrays.stream(f.reason().split("; ")))
                          .filter(r -> !r.isEmpty())
                          .distinct()
                          .collect(Collectors.joining("; ")),
                      fs.get(0).anchor(),
                      reach.getOrDefault(set.name() + "/" + obligation, ""))));
      long failingSpecs =
          result.specs().stream()
              .filter(s -> result.cell(set.name(), s).map(c -> !c.passed()).orElse(false))
              .count();
      String verdict =
          broken.isEmpty()
              ? "passes every obligation checked on all " + result.specs().size() + " specs"
              : "breaks "
                  + String.join(", ", byObligation.keySet())
                  + " on "
                  + failingSpecs
                  + " of "
                  + result.specs().size()
                  + " specs";
      out.add(
          new ReportView.Finding(
              set.name(), set.kind().label(), set.description(), verdict, broken));
    }
    return out;
  }

  private static final Comparator<String> OBLIGATION_ORDER =
      Comparator.comparingInt(Matrix::number).thenComparing(s -> s);

  /** The planted-bug sets and whether each broke exactly what the expected outcomes list. */
  private static ReportView.SelfTest selfTest(
      MatrixResult result, List<ExpectedOutcomes.Difference> differing) {
    List<String> planted =
        result.sets().stream()
            .filter(s -> s.kind() == HandlerSet.Kind.PLANTED)
            .map(HandlerSet::name)
            .toList();
    List<String> off =
        planted.stream()
            .filter(name -> differing.stream().anyMatch(d -> d.set().equals(name)))
            .toList();
    return new ReportView.SelfTest(planted.size(), planted.size() - off.size(), off);
  }

  /** Whether some known-bad variant ran on {@code spec} (else nothing could show a gap there). */
  static boolean knownBadRan(MatrixResult result, String spec) {
    return result.sets().stream()
        .filter(HandlerSet::isKnownBad)
        .anyMatch(s -> result.cell(s.name(), spec).map(c -> c.checked() > 0).orElse(false));
  }

  private static List<MatrixCell.Failure> sorted(MatrixCell cell) {
    return cell.failuresInOrder();
  }

  private static String status(MatrixCell cell, Set<String> want) {
    if (cell.checked() == 0) {
      return "na";
    }
    // An exploration its budget cut short decides nothing: neither a pass nor a finding (issue 19).
    if (cell.failed().contains(InconclusiveExploration.VERDICT)) {
      return InconclusiveExploration.VERDICT;
    }
    if (!new TreeSet<>(cell.failed()).equals(new TreeSet<>(want))) {
      return cell.passed() ? "missing" : "unexpected";
    }
    return cell.passed() ? "pass" : "expected";
  }

  private static String title(
      HandlerSet set,
      String spec,
      MatrixCell cell,
      Set<String> want,
      ExpectedOutcomes expected,
      MatrixResult result) {
    String outcome =
        cell.passed()
            ? "passes every obligation checked (" + cell.checked() + ")"
            : "breaks " + String.join(", ", cell.failed());
    String expectation =
        want.isEmpty()
            ? "expected to pass"
            : "expected to break "
                + String.join(", ", want)
                + ": "
                + expected.reason(set.name(), spec, result.specs()).orElse("");
    return set.name() + " on " + spec + " " + outcome + "; " + expectation;
  }

  /** The id of a set's row in the findings table. */
  static String findingAnchor(String set) {
    return "finding-" + set.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  static String anchor(String set, String spec) {
    return "cell-" + (set + "-" + spec).replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static ReportView.Failure failure(
      String anchor, HandlerSet set, Matrix.NamedSpec spec, MatrixCell.Failure f, String reason) {
    String report = f.report();
    String finding = finding(report);
    // An explored counterexample is drawn from its step table; a one-call failure shows the page
    // tables before and after the call instead (a two-arrow diagram would say nothing).
    Optional<StepTable> steps = StepTable.in(report);
    Optional<Obligation> obligation =
        spec.checked().spec().obligations().stream()
            .filter(o -> o.id().text().equals(f.obligation()))
            .findFirst();
    return new ReportView.Failure(
        anchor + "-" + f.obligation(),
        set.name(),
        spec.name(),
        f.obligation(),
        obligation.map(o -> o.id().text() + " " + o.label().text()).orElse(f.obligation()),
        obligation.map(o -> o.id().text() + " " + o.label().text() + ": " + o.doc()).orElse(""),
        obligation.map(o -> rules(spec, o)).orElse(""),
        f.binding(),
        f.testName(),
        Matrix.field(report, "scenario:").orElse(""),
        finding,
        reason,
        report,
        f.reproduce(),
        steps.map(SequenceDiagram::of),
        steps.isPresent() ? Optional.empty() : pageTables(report),
        set.kind().label());
  }

  /** The walker rules an obligation cites, each with its kind and where the spec states it. */
  private static String rules(Matrix.NamedSpec spec, Obligation obligation) {
    List<String> out = new ArrayList<>();
    for (var cited : obligation.cites()) {
      spec.checked().spec().walkers().stream()
          .flatMap(w -> w.rules().stream())
          .filter(r -> r.id().text().equals(cited.text()))
          .findFirst()
          .ifPresentOrElse(
              r -> out.add(cited.text() + " " + kind(r) + " (" + where(r.pos()) + ")"),
              () -> out.add(cited.text()));
    }
    return String.join("; ", out);
  }

  /** "VisitSlots" becomes "visit slots". */
  static String kind(Rule rule) {
    return rule.getClass()
        .getSimpleName()
        .replaceAll("(?<=[a-z])(?=[A-Z])", " ")
        .toLowerCase(Locale.ROOT);
  }

  private static String where(Pos pos) {
    String file = pos.file().replace('\\', '/');
    return file.substring(file.lastIndexOf('/') + 1) + ":" + pos.line();
  }

  /**
   * What the check found, in one line: the explorer's message, or the line of a one-call property's
   * report that follows its scenario.
   */
  static String finding(String report) {
    Optional<String> message = Matrix.field(report, "message:");
    if (message.isPresent()) {
      return message.get();
    }
    List<String> lines = report.lines().map(String::strip).toList();
    return lines.stream()
        .skip(1)
        .filter(
            l ->
                !l.startsWith("scenario:")
                    && !l.startsWith("replay:")
                    && !l.startsWith("reproduce:")
                    && !l.isEmpty())
        .findFirst()
        .orElse(headline(report));
  }

  /**
   * The before/after table of the page tables a one-call failure's report carries (TableJudges), as
   * its lines: from "page tables," to the legend.
   */
  static Optional<String> pageTables(String report) {
    List<String> lines = report.lines().toList();
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith("page tables, range")) {
        from = i;
      }
      if (from >= 0 && lines.get(i).strip().startsWith("(* changed by the call")) {
        return Optional.of(String.join("\n", lines.subList(from, i + 1)).stripIndent());
      }
    }
    return Optional.empty();
  }

  /**
   * The known-bad sets that broke some of {@code obligations} in the column of {@code spec}, in the
   * matrix's order, each with the ones it broke.
   */
  static Map<String, List<String>> knownBadBreaking(
      MatrixResult result, String spec, List<String> obligations) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (HandlerSet set : result.sets()) {
      if (set.isKnownBad()) {
        result
            .cell(set.name(), spec)
            .map(cell -> obligations.stream().filter(cell.failed()::contains).toList())
            .filter(broken -> !broken.isEmpty())
            .ifPresent(broken -> out.put(set.name(), broken));
      }
    }
    return out;
  }

  private static String headline(String report) {
    return report.lines().findFirst().orElse("").replaceFirst("^walkspec(?: explorer)?: ", "");
  }

  /**
   * Per spec: the obligations some handler must meet there, and which known-bad variants break
   * each.
   */
  private static List<ReportView.Coverage> coverage(
      MatrixResult result, List<Matrix.NamedSpec> specs, Optional<CanonicalMutants> mutants) {
    List<ReportView.Coverage> out = new ArrayList<>();
    for (Matrix.NamedSpec spec : specs) {
      Map<String, Obligation> applying = new LinkedHashMap<>();
      Map<String, Set<String>> kinds = new LinkedHashMap<>();
      for (Binding b : spec.checked().bindings()) {
        Optional<String> kind = b.handlerKind();
        kind.ifPresent(
            k ->
                Obligations.applying(spec.checked(), b, k)
                    .forEach(
                        o -> {
                          applying.putIfAbsent(o.id().text(), o);
                          kinds.computeIfAbsent(o.id().text(), x -> new TreeSet<>()).add(k);
                        }));
      }
      List<ReportView.Item> items = new ArrayList<>();
      spec.checked()
          .spec()
          .obligations()
          .forEach(
              o -> {
                String id = o.id().text();
                if (!applying.containsKey(id)) {
                  return;
                }
                List<String> falsifiers =
                    List.copyOf(knownBadBreaking(result, spec.name(), List.of(id)).keySet());
                String how = Matrix.isExplored(id) ? "explored scenarios" : "one-call properties";
                items.add(
                    new ReportView.Item(
                        id,
                        o.label().text(),
                        how + " of the " + String.join(", ", kinds.get(id)) + " handler suites",
                        falsifiers,
                        knownBadRan(result, spec.name())));
              });
      Optional<List<MutantOutcome>> ofSpec =
          mutants.filter(m -> m.spec().equals(spec.name())).map(CanonicalMutants::outcomes);
      out.add(new ReportView.Coverage(spec.name(), items, RuleCoverage.of(spec, result, ofSpec)));
    }
    return out;
  }
}
