package dev.walkspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walkspec.cli.CommonOptions.Format;
import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.emit.GeneratorOptions;
import dev.walkspec.emit.JavaPackages;
import dev.walkspec.pipeline.BuildProblem;
import dev.walkspec.pipeline.Builds;
import dev.walkspec.pipeline.CGeneration;
import dev.walkspec.pipeline.GenerateRequest;
import dev.walkspec.pipeline.GenerateResult;
import dev.walkspec.pipeline.Generation;
import dev.walkspec.pipeline.HandlerClasses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code walkspec generate SPEC... -o DIR [--tests DIR]}: walkers (and suites) for use outside
 * Maven; with {@code --lang c}, the specs as kernel C and Kconfig instead.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generate walker sources (and, with --tests, conformance suites) from specs.",
    footer = {
      "",
      "Example:",
      "  walkspec generate spec/src/main/walkspec/kvm.walk -o build/walkers --tests build/suites",
      "  walkspec generate spec/src/main/walkspec/kvm.walk -o build/walkers --tests build/suites"
          + " --handler x86.age=dev.walkspec.arch.x86.X86AgeHandler",
      "  walkspec generate --lang c spec/src/main/walkspec/kvm.walk -o build/c",
      "",
      "With --lang c, each spec is rendered into DIR/<spec name>/ as a kernel tree:"
          + " virt/kvm/kvm_main.c (the walk and its callers), include/linux/kvm_host.h,"
          + " virt/kvm/Kconfig and arch/<arch>/kvm/Kconfig (see docs/kernel.md).",
      "",
      "The output directories are replaced as a whole, and only when every spec checks.",
      "Exit codes: 0 generated (or up to date), 1 spec errors, 2 usage."
    })
final class GenerateCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Mixin CommonOptions common;

  @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Spec files (.walk).")
  List<Path> specs;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "Directory for walker sources.")
  Path output;

  /** The language of the output. */
  enum Lang {
    java,
    c
  }

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      defaultValue = "java",
      description = "java: walkers and suites (default); c: the walk as kernel C and Kconfig.")
  Lang lang;

  @Option(
      names = "--tests",
      paramLabel = "DIR",
      description = "Directory for conformance suites (JUnit 5 + jqwik).")
  Path tests;

  @Option(
      names = "--handler",
      paramLabel = "KIND=CLASS",
      description =
          "With --tests: a handler class to write a handler suite for, by handler kind (age,"
              + " test_age, unmap, writer) or profile and kind (x86.age); repeatable.")
  Map<String, String> handlers = new LinkedHashMap<>();

  @Option(
      names = "--package",
      paramLabel = "NAME",
      description = "Base package (default: ${DEFAULT-VALUE}).",
      defaultValue = GeneratorOptions.DEFAULT_PACKAGE)
  String basePackage;

  @Option(
      names = {"-I", "--import-path"},
      paramLabel = "DIR",
      description = "Another directory for imports.")
  List<Path> importPath = new ArrayList<>();

  @Option(
      names = "--tries",
      paramLabel = "N",
      description = "Tries of each handler-suite property (default: 150).",
      defaultValue = "0",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
  int tries;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description =
          "A fixed jqwik seed for every generated property (default: a new one each run).",
      defaultValue = "")
  String seed;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    common.format("generate", Format.text, Format.json);
    if (lang == Lang.c) {
      return renderC(out, err);
    }
    if (!handlers.isEmpty() && tests == null) {
      throw new UsageException("--handler writes handler suites, which go to --tests DIR");
    }
    if (!JavaPackages.isValid(basePackage)) {
      throw new UsageException("--package " + basePackage + " is not a valid Java package name");
    }
    Map<String, String> handlerClasses;
    try {
      Builds.checkProperties(tries, seed.trim());
      handlerClasses = HandlerClasses.normalize(handlers);
    } catch (BuildProblem e) {
      throw new UsageException(
          e.getMessage().replace("handlerTries", "--tries").replace("propertySeed", "--seed"));
    }
    GenerateRequest request =
        new GenerateRequest(
            specs,
            importPath,
            Path.of(""),
            Optional.of(output),
            Optional.ofNullable(tests),
            basePackage,
            Set.of(),
            Set.of(),
            handlerClasses,
            tries,
            seed);
    GenerateResult result = Generation.run(request);
    DiagnosticPrinter printer = new DiagnosticPrinter(result.sources());
    err.print(printer.text(result.diagnostics()));
    if (common.format == Format.json) {
      ObjectNode root = json(result.hasErrors(), result.upToDate(), printer, result.diagnostics());
      root.put("walker_files", result.walkerFiles());
      root.put("suite_files", result.suiteFiles());
      root.put("tests", tests == null ? null : tests.toString());
      out.println(ExploreCommand.write(MAPPER, root));
    }
    if (result.hasErrors()) {
      err.println("walkspec: nothing generated: fix the errors above; " + output + " is unchanged");
      return Main.FINDINGS;
    }
    if (common.format == Format.json) {
      return Main.OK;
    }
    if (result.upToDate()) {
      out.println("walkspec: generated sources are up to date (nothing written)");
    } else {
      out.printf(
          "walkspec: wrote %d walker source(s) to %s%s%n",
          result.walkerFiles(),
          output,
          tests == null ? "" : " and " + result.suiteFiles() + " suite(s) to " + tests);
    }
    return Main.OK;
  }

  private int renderC(PrintWriter out, PrintWriter err) throws IOException {
    if (tests != null) {
      throw new UsageException("--tests generates Java suites; it does not go with --lang c");
    }
    CGeneration.Result result;
    try {
      result = CGeneration.run(specs, importPath, Path.of(""), output);
    } catch (BuildProblem e) {
      throw new UsageException(e.getMessage());
    }
    DiagnosticPrinter printer = new DiagnosticPrinter(result.sources());
    err.print(printer.text(result.diagnostics()));
    if (common.format == Format.json) {
      ObjectNode root = json(result.hasErrors(), result.upToDate(), printer, result.diagnostics());
      root.put("files", result.files());
      out.println(ExploreCommand.write(MAPPER, root));
    }
    if (result.hasErrors()) {
      err.println("walkspec: nothing generated: fix the errors above; " + output + " is unchanged");
      return Main.FINDINGS;
    }
    if (common.format == Format.json) {
      return Main.OK;
    }
    if (result.upToDate()) {
      out.println("walkspec: the C rendering is up to date (nothing written)");
    } else {
      out.printf("walkspec: wrote %d C and Kconfig file(s) to %s%n", result.files(), output);
    }
    return Main.OK;
  }

  /**
   * The keys both languages' --format json share: what was asked, whether anything was written, and
   * the diagnostics (the objects of walkspec check --format json).
   */
  private ObjectNode json(
      boolean errors, boolean upToDate, DiagnosticPrinter printer, List<Diagnostic> diagnostics)
      throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("lang", lang.name());
    root.put("output", output.toString());
    root.put("generated", !errors && !upToDate);
    root.put("up_to_date", !errors && upToDate);
    root.set("diagnostics", MAPPER.readTree(printer.json(diagnostics)));
    return root;
  }
}
