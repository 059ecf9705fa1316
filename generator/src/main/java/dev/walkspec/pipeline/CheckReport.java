package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.diag.Severity;
import dev.walkspec.diag.SourceFile;
import dev.walkspec.parse.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Every diagnostic of a set of root specs (each reported once, sorted by position), the texts they
 * point into, and the checked specs of the roots that had no error.
 */
@API(status = INTERNAL)
public record CheckReport(
    List<Path> roots,
    List<Diagnostic> diagnostics,
    Map<String, SourceFile> sources,
    List<CheckedSpec> specs) {
  public CheckReport {
    roots = List.copyOf(roots);
    diagnostics = List.copyOf(diagnostics);
    sources = Map.copyOf(sources);
    specs = List.copyOf(specs);
  }

  /** Checks each root with the import path; positions are shown relative to {@code baseDir}. */
  public static CheckReport of(List<Path> roots, List<Path> importPath, Path baseDir) {
    Pipeline pipeline = new Pipeline(new SpecLoader(baseDir, importPath));
    Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    Map<String, SourceFile> sources = new HashMap<>();
    List<CheckedSpec> specs = new ArrayList<>();
    for (Path root : roots) {
      CheckOutcome outcome = pipeline.check(root);
      diagnostics.addAll(outcome.diagnostics());
      sources.putAll(outcome.sources());
      if (!outcome.hasErrors()) {
        specs.add(outcome.checked());
      }
    }
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(null);
    return new CheckReport(roots, sorted, sources, specs);
  }

  public long errors() {
    return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
  }

  public long warnings() {
    return diagnostics.size() - errors();
  }

  public boolean hasErrors() {
    return errors() > 0;
  }

  /** One diagnostic as people read it: headline with file:line:col, the line, a caret. */
  public String text(Diagnostic diagnostic) {
    return new DiagnosticPrinter(sources).text(diagnostic);
  }

  /** "2 specs checked: 1 error, 0 warnings". */
  public String summary() {
    return plural(roots.size(), "spec")
        + " checked: "
        + plural(errors(), "error")
        + ", "
        + plural(warnings(), "warning");
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
