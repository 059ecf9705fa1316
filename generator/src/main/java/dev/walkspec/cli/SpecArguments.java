package dev.walkspec.cli;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Loads and checks a spec named on the command line, printing its diagnostics on failure. */
final class SpecArguments {
  private SpecArguments() {}

  /** The checked spec, or empty after printing why it could not be checked. */
  static Optional<CheckedSpec> load(Path spec, List<Path> importPath, PrintWriter err) {
    CheckOutcome outcome = new Pipeline(new SpecLoader(Path.of(""), importPath)).check(spec);
    if (outcome.hasErrors()) {
      err.print(new DiagnosticPrinter(outcome.sources()).text(outcome.diagnostics()));
      err.println("walkspec: " + spec + " has errors; fix them first");
      return Optional.empty();
    }
    return outcome.spec();
  }
}
