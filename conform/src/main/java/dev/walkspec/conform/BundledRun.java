package dev.walkspec.conform;

import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.Severity;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The specs a conformance run covers: given files, or every bundled spec (canonical first). */
public final class BundledRun {
  private BundledRun() {}

  /**
   * A spec given on the command line: the file, or where none is there, the bundled spec of that
   * name (the reproduce commands of a report name bundled specs so: kvm.walk).
   */
  static Path resolve(Path given) {
    if (Files.exists(given) || given.getNameCount() != 1) {
      return given;
    }
    return BundledSpecs.files().stream()
        .filter(f -> f.getFileName().toString().equals(given.toString()))
        .findFirst()
        .orElse(given);
  }

  public static List<Matrix.NamedSpec> specs(List<Path> files) {
    List<Path> chosen =
        files.isEmpty() ? BundledSpecs.files() : files.stream().map(BundledRun::resolve).toList();
    Path base = files.isEmpty() ? BundledSpecs.directory() : Path.of("");
    Pipeline pipeline = new Pipeline(new SpecLoader(base, List.of()));
    List<Matrix.NamedSpec> specs = new ArrayList<>();
    for (Path file : chosen) {
      CheckOutcome outcome = pipeline.check(file);
      if (outcome.hasErrors()) {
        // The first error where it is, and how to see them all.
        List<Diagnostic> errors =
            outcome.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR)
                .sorted()
                .toList();
        throw new IllegalArgumentException(
            errors.get(0).headline()
                + (errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more)")
                + "; walkspec check "
                + file
                + " shows them");
      }
      specs.add(new Matrix.NamedSpec(outcome.checked().spec().name(), file, outcome.checked()));
    }
    return specs;
  }
}
