package dev.walkspec.conform;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code walkspec conform}: every spec against every handler set, as a matrix. */
@Command(
    name = "conform",
    mixinStandardHelpOptions = true,
    description = "Run the conformance matrix: specs (columns) against handler sets (rows).",
    footer = {
      "",
      "Example:",
      "  walkspec conform                 # every bundled spec against every bundled handler",
      "  walkspec conform --handlers x86-tdp,arm64 spec/src/main/walkspec/kvm.walk",
      "",
      "Exit codes: 0 every outcome is as expected-outcomes.tsv says, 1 otherwise, 2 usage."
    })
public final class ConformCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "SPEC",
      description = "Specs (default: every bundled spec).")
  List<Path> specs = new ArrayList<>();

  @Option(
      names = "--handlers",
      split = ",",
      paramLabel = "SET",
      description = "Handler sets (default: all).")
  List<String> handlers = new ArrayList<>();

  static final int DEFAULT_TRIES = 40;

  @Option(
      names = "--tries",
      defaultValue = "" + DEFAULT_TRIES,
      description = "Tries per property (default: ${DEFAULT-VALUE}).")
  int tries;

  @Option(names = "--details", description = "Print the report of every failure under the matrix.")
  boolean details;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    List<HandlerSet> sets =
        handlers.isEmpty()
            ? HandlerSets.bundled()
            : handlers.stream()
                .map(
                    n ->
                        HandlerSets.named(n)
                            .orElseThrow(
                                () -> new IllegalArgumentException("no handler set named " + n)))
                .toList();
    Progress progress =
        System.console() != null
            ? Progress.terminal(new PrintWriter(System.err, true))
            : Progress.SILENT;
    MatrixResult result = Matrix.run(BundledRun.specs(specs), sets, tries, progress);
    out.print(MatrixTable.text(result));
    if (details) {
      for (MatrixCell cell : result.cells().values()) {
        for (MatrixCell.Failure f : cell.failures().values()) {
          out.printf(
              "%n=== %s on %s: %s (%s, %s)%n%s%n",
              cell.set(), cell.spec(), f.obligation(), f.binding(), f.testName(), f.report());
        }
      }
    }
    out.printf(
        "%d suites, %d tests, %.1f s%n", result.suites(), result.tests(), result.millis() / 1000.0);
    List<ExpectedOutcomes.Difference> differences = ExpectedOutcomes.bundled().differences(result);
    if (differences.isEmpty()) {
      out.println("every outcome is as expected-outcomes.tsv says");
      return 0;
    }
    out.println("outcomes that differ from expected-outcomes.tsv:");
    differences.forEach(d -> out.println("  " + d.describe()));
    return 1;
  }
}
