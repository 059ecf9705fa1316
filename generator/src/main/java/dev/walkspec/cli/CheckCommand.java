package dev.walkspec.cli;

import dev.walkspec.cli.CommonOptions.Format;
import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.diag.Severity;
import dev.walkspec.diag.SourceFile;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code walkspec check FILE...}: parse and check specs, print every diagnostic. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Check spec files and print their diagnostics.",
    footer = {
      "",
      "Example:",
      "  walkspec check spec/src/main/walkspec/kvm.walk",
      "  walkspec check --format json spec/src/main/walkspec/*.walk",
      "",
      "Exit codes: 0 no errors, 1 errors (or warnings with --werror), 2 usage."
    })
final class CheckCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files (.walk) to check.")
  List<Path> files;

  @Option(
      names = {"-I", "--import-path"},
      paramLabel = "DIR",
      description = "Another directory to look for imported files in (repeatable).")
  List<Path> importPath = new ArrayList<>();

  @Option(names = "--werror", description = "Treat warnings as errors.")
  boolean werror;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    common.format("check", Format.text, Format.json, Format.jsonl);
    Pipeline pipeline = new Pipeline(new SpecLoader(Path.of(""), importPath));
    Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    Map<String, SourceFile> sources = new HashMap<>();
    for (Path file : files) {
      CheckOutcome outcome = pipeline.check(file);
      diagnostics.addAll(outcome.diagnostics());
      sources.putAll(outcome.sources());
    }
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(null);
    print(sorted, new DiagnosticPrinter(sources));
    boolean failed = sorted.stream().anyMatch(d -> d.severity() == Severity.ERROR || werror);
    return failed ? Main.FINDINGS : Main.OK;
  }

  private void print(List<Diagnostic> diagnostics, DiagnosticPrinter printer) {
    PrintWriter out = spec.commandLine().getOut();
    if (common.format == Format.json) {
      out.print(printer.json(diagnostics));
      return;
    }
    if (common.format == Format.jsonl) {
      out.print(printer.jsonLines(diagnostics));
      return;
    }
    out.print(printer.text(diagnostics));
    long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
    long warnings = diagnostics.size() - errors;
    out.printf(
        "%d file%s checked: %d error%s, %d warning%s%n",
        files.size(),
        files.size() == 1 ? "" : "s",
        errors,
        errors == 1 ? "" : "s",
        warnings,
        warnings == 1 ? "" : "s");
  }
}
