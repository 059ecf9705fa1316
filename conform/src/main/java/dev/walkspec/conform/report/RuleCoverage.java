package dev.walkspec.conform.report;

import dev.walkspec.conform.Matrix;
import dev.walkspec.conform.MatrixResult;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Rule;
import dev.walkspec.mutate.MutantOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one spec (walker rules W*, operations C*) as the report's coverage lists them: what
 * exercises each (the handler suites of the obligations that cite it; the walker suites, through
 * the spec mutants of the rule) and what makes a test fail for it (a known-bad variant breaking an
 * obligation that cites the rule in this spec's column; a spec mutant of the rule that the checker
 * rejects or a walker suite fails on). A rule nothing falsifies is a gap.
 */
final class RuleCoverage {
  private RuleCoverage() {}

  /**
   * @param mutants the spec mutants run on this spec, if they were (they are written against the
   *     canonical spec)
   */
  static List<ReportView.Item> of(
      Matrix.NamedSpec spec, MatrixResult result, Optional<List<MutantOutcome>> mutants) {
    List<ReportView.Item> items = new ArrayList<>();
    // The matrix runs the MMU-notifier walk only: the guest_memfd and memory-attribute walks have
    // no generated walker or suite yet (CheckedSpec), so their rules are not listed as covered.
    for (var walker : spec.checked().notifierWalkers()) {
      for (Rule rule : walker.rules()) {
        String id = rule.id().text();
        List<String> citing =
            spec.checked().spec().obligations().stream()
                .filter(o -> o.cites().stream().anyMatch(c -> c.text().equals(id)))
                .map(o -> o.id().text())
                .toList();
        items.add(item(id, ReportBuilder.kind(rule), citing, spec, result, mutants));
      }
    }
    for (Operation operation : spec.checked().spec().operations()) {
      boolean onNotifierWalk =
          spec.checked().notifierWalkers().stream()
              .anyMatch(w -> w.name().text().equals(operation.walker().text()));
      if (!onNotifierWalk) {
        continue;
      }
      items.add(
          item(
              operation.id().text(),
              "operation " + operation.label().text(),
              List.of(),
              spec,
              result,
              mutants));
    }
    return items;
  }

  private static ReportView.Item item(
      String id,
      String label,
      List<String> citing,
      Matrix.NamedSpec spec,
      MatrixResult result,
      Optional<List<MutantOutcome>> mutants) {
    List<MutantOutcome> ofRule =
        mutants.orElse(List.of()).stream().filter(m -> m.mutant().rule().equals(id)).toList();
    List<String> exercised = new ArrayList<>();
    if (!citing.isEmpty()) {
      exercised.add("the handler suites of " + String.join(", ", citing));
    }
    if (!ofRule.isEmpty()) {
      exercised.add("the walker suites, on " + ofRule.size() + " spec mutant(s)");
    }
    List<String> falsified = new ArrayList<>();
    ReportBuilder.knownBadBreaking(result, spec.name(), citing)
        .forEach((set, broken) -> falsified.add(set + " (" + String.join(", ", broken) + ")"));
    for (MutantOutcome m : ofRule) {
      if (m.verdict().killed()) {
        falsified.add("mutant '" + m.mutant().name() + "' (" + how(m) + ")");
      }
    }
    // Without a known-bad variant on this spec and without spec mutants, nothing was run that
    // could falsify the rule: "not run", not a gap.
    boolean looked = ReportBuilder.knownBadRan(result, spec.name()) || mutants.isPresent();
    return new ReportView.Item(
        id,
        label,
        exercised.isEmpty() ? "no test names it" : String.join("; ", exercised),
        falsified,
        looked);
  }

  private static String how(MutantOutcome m) {
    return m.verdict() == MutantOutcome.Verdict.KILLED_BY_CHECKER
        ? "rejected by the checker: " + m.detail()
        : "walker suite: " + m.detail();
  }

  /** The report's table of the spec mutants run on {@code spec}. */
  static ReportView.Mutation mutation(String spec, List<MutantOutcome> outcomes) {
    List<ReportView.Mutant> rows =
        outcomes.stream()
            .map(
                m ->
                    new ReportView.Mutant(
                        m.mutant().name(), m.mutant().rule(), verdict(m.verdict()), m.detail()))
            .toList();
    return new ReportView.Mutation(
        spec,
        outcomes.size(),
        count(outcomes, MutantOutcome.Verdict.KILLED_BY_CHECKER),
        count(outcomes, MutantOutcome.Verdict.KILLED_BY_SUITES),
        count(outcomes, MutantOutcome.Verdict.SURVIVED),
        count(outcomes, MutantOutcome.Verdict.NOT_RUN),
        rows);
  }

  private static int count(List<MutantOutcome> outcomes, MutantOutcome.Verdict verdict) {
    return (int) outcomes.stream().filter(o -> o.verdict() == verdict).count();
  }

  private static String verdict(MutantOutcome.Verdict verdict) {
    return switch (verdict) {
      case KILLED_BY_CHECKER -> "killed by the checker";
      case KILLED_BY_SUITES -> "killed by the walker suites";
      case SURVIVED -> "survived";
      case NOT_RUN -> "known equivalent, not run";
    };
  }
}
