package dev.walkspec.cli;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.suite.ExploredFailure;
import dev.walkspec.suite.GmemScenarios;
import dev.walkspec.suite.HandlerSuite;
import dev.walkspec.suite.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The options of {@code explore} and {@code replay} that pick a generated handler suite instead of
 * the explorer's catalogue: the spec, the handler classes (a bundled set, or a user's classes and
 * their class path) and, where the handlers have several, the binding.
 */
final class SuiteOptions {
  @Option(
      names = "--spec",
      paramLabel = "SPEC",
      description =
          "Run the scenario of the handler suite generated from this spec (a file, or the name of"
              + " a bundled spec such as kvm.walk) instead of the catalogue.")
  String spec;

  @Option(
      names = "--handlers",
      paramLabel = "SET",
      description = "A bundled handler set (x86, arm64, TdpUnmapWalksFreedRoot, ...).")
  String handlerSet;

  @Option(
      names = "--handler",
      paramLabel = "KIND=CLASS",
      description = "A handler class of yours for a handler kind (age, test_age, unmap).")
  Map<String, String> handlerClasses = new LinkedHashMap<>();

  @Option(
      names = "--writer",
      paramLabel = "CLASS",
      description = "Your arch's locked write-protect code (a WriteProtector), for H5.")
  String writer;

  @Option(
      names = "--classpath",
      paramLabel = "PATHS",
      split = ":",
      description = "Where your handler classes are (directories or jars, ':'-separated).")
  List<Path> classpath = new ArrayList<>();

  @Option(
      names = "--binding",
      paramLabel = "OPERATION[PROFILE]",
      description =
          "The operation and profile whose suite runs (e.g. 'unmap_gfn_range[x86]'); needed"
              + " only when the handlers have several with the scenario.")
  String binding;

  /** The binding {@link #load} chose. */
  private String chosenBinding;

  /**
   * The command that replays {@code replay} on the suite these options name, as given (the spec as
   * named, the handlers, the class path) with the binding made explicit.
   */
  String replayCommand(String replay) {
    StringBuilder command = new StringBuilder("walkspec replay --spec ").append(Shell.quote(spec));
    if (handlerSet != null) {
      command.append(" --handlers ").append(Shell.quote(handlerSet));
    }
    handlerClasses.forEach(
        (kind, type) -> command.append(" --handler ").append(Shell.quote(kind + "=" + type)));
    if (writer != null) {
      command.append(" --writer ").append(Shell.quote(writer));
    }
    if (!classpath.isEmpty()) {
      command
          .append(" --classpath ")
          .append(Shell.quote(String.join(":", classpath.stream().map(Path::toString).toList())));
    }
    return command
        .append(" --binding ")
        .append(Shell.quote(chosenBinding))
        .append(' ')
        .append(Shell.quote(replay))
        .toString();
  }

  /**
   * A suite's failure report with its last line, the build's replay command, replaced by the one
   * for these options.
   */
  String withCommand(ExploredFailure failure) {
    String command = replayCommand(failure.result().counterexample().orElseThrow().replay());
    return failure
            .getMessage()
            .replace(HandlerSuite.REPRODUCE + failure.command(), HandlerSuite.REPRODUCE + command)
        + "\n";
  }

  /** Whether any option names a generated suite rather than the catalogue. */
  boolean suiteMode() {
    return spec != null
        || handlerSet != null
        || !handlerClasses.isEmpty()
        || writer != null
        || !classpath.isEmpty()
        || binding != null;
  }

  /**
   * The base names of the scenarios the generated suites explore for unmap handlers; the
   * guest_memfd one only in a TDX VM (x86_private), with no shadow MMU.
   */
  private static final List<String> UNMAP_SCENARIOS =
      List.of(
          "invalidation-vs-vcpus",
          "unmap-many-pages",
          "unmap-vs-root-free",
          GmemScenarios.PUNCH_HOLE);

  /** The base names of the scenarios the generated suites explore for age and test_age handlers. */
  private static final List<String> AGING_SCENARIOS =
      List.of("aging-vs-zap", "aging-vs-table-free", "aging-vs-write-protect");

  /** Every scenario name of the generated suites, with and without -shadow. */
  private static List<String> suiteScenarios() {
    List<String> names = new ArrayList<>();
    for (String base : Stream.concat(UNMAP_SCENARIOS.stream(), AGING_SCENARIOS.stream()).toList()) {
      names.add(base);
      if (!base.equals(GmemScenarios.PUNCH_HOLE)) {
        names.add(base + "-shadow");
      }
    }
    return names;
  }

  /** Whether {@code scenario} (with or without "-shadow") is one of the generated suites'. */
  static boolean isSuiteScenario(String scenario) {
    return suiteScenarios().contains(scenario);
  }

  /** The usage error for a suite scenario named without a suite. */
  static UsageException needsSuite(String scenario) {
    return new UsageException(
        "'"
            + scenario
            + "' is a scenario of the generated handler suites, not of the catalogue: name the"
            + " suite with --spec SPEC and --handlers SET (or --handler KIND=CLASS --classpath"
            + " DIR), e.g. walkspec replay --spec kvm.walk --handlers TdpUnmapWalksFreedRoot"
            + " 'unmap-vs-root-free@0*316.1'");
  }

  /** The generated, compiled and loaded suite that has {@code scenario}. */
  ExploredSuites.Loaded load(String scenario) {
    if (spec == null) {
      throw new UsageException("--handlers, --handler, --classpath and --binding need --spec SPEC");
    }
    if (!isSuiteScenario(scenario)) {
      throw new UsageException(
          "no scenario '"
              + scenario
              + "' in the generated handler suites"
              + Suggestions.didYouMean(scenario, suiteScenarios())
              + " (they explore "
              + String.join(", ", UNMAP_SCENARIOS)
              + " (unmap handlers; "
              + GmemScenarios.PUNCH_HOLE
              + " in a TDX VM, x86_private) and "
              + String.join(", ", AGING_SCENARIOS)
              + " (age and test_age handlers), each but "
              + GmemScenarios.PUNCH_HOLE
              + " also with -shadow where the profile has a shadow MMU)");
    }
    ExploredSuites.Handlers handlers = handlers();
    Path file = specFile();
    CheckedSpec checked = check(file);
    String kindWanted =
        UNMAP_SCENARIOS.contains(scenario.replaceFirst("-shadow$", "")) ? "unmap" : null;
    List<Binding> candidates =
        checked.bindings().stream()
            .filter(handlers::cover)
            .filter(
                b -> {
                  String kind = b.handlerKind().orElse("");
                  return kindWanted == null ? !kind.equals("unmap") : kind.equals(kindWanted);
                })
            .filter(
                b ->
                    binding == null
                        || ExploredSuites.binding(checked, binding).filter(b::equals).isPresent())
            .toList();
    if (candidates.isEmpty()) {
      throw new UsageException(
          "no operation of "
              + spec
              + (binding == null ? "" : " named " + binding)
              + " runs these handlers with scenario '"
              + scenario
              + "'");
    }
    if (candidates.size() > 1) {
      throw new UsageException(
          "the handlers run scenario '"
              + scenario
              + "' in "
              + candidates.size()
              + " operations; pick one with --binding: "
              + String.join(", ", candidates.stream().map(Binding::displayName).toList()));
    }
    Binding chosen = candidates.get(0);
    chosenBinding = chosen.displayName();
    try {
      return ExploredSuites.load(
          checked,
          file.toAbsolutePath().toString(),
          chosen,
          chosen.handlerKind().orElseThrow(),
          handlers,
          classpath);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new UsageException(
          "a handler class is not on the class path (--classpath): " + e.getMessage());
    } catch (IOException | ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the handler suite: " + e.getMessage(), e);
    }
  }

  private ExploredSuites.Handlers handlers() {
    if (handlerSet != null) {
      if (!handlerClasses.isEmpty() || writer != null) {
        throw new UsageException("give --handlers SET or --handler KIND=CLASS, not both");
      }
      return CommandExtension.findHandlerSet(handlerSet)
          .orElseThrow(
              () ->
                  new UsageException(
                      "no handler set named '"
                          + handlerSet
                          + "'"
                          + Suggestions.didYouMean(
                              handlerSet, CommandExtension.allHandlerSetNames())
                          + " (there are: "
                          + String.join(", ", CommandExtension.allHandlerSetNames())
                          + ")"));
    }
    if (handlerClasses.isEmpty()) {
      throw new UsageException(
          "name the handlers: --handlers SET (a bundled set) or --handler KIND=CLASS");
    }
    for (String kind : handlerClasses.keySet()) {
      if (!List.of("age", "test_age", "unmap").contains(kind)) {
        throw new UsageException(
            "--handler " + kind + "=...: the handler kinds are age, test_age and unmap");
      }
    }
    return new ExploredSuites.Handlers(handlerClasses, Optional.ofNullable(writer), List.of());
  }

  /** The spec file: as given, else the bundled spec of that name. */
  private Path specFile() {
    Path given = Path.of(spec);
    if (Files.exists(given)) {
      return given;
    }
    if (given.getNameCount() == 1
        && BundledSpecs.files().stream().anyMatch(f -> f.getFileName().toString().equals(spec))) {
      return BundledSpecs.file(spec);
    }
    throw new UsageException(
        "no spec file " + spec + " (and no bundled spec of that name: kvm.walk, ...)");
  }

  private static CheckedSpec check(Path file) {
    Path base = file.toAbsolutePath().getParent();
    CheckOutcome outcome = new Pipeline(new SpecLoader(base, List.of())).check(file);
    if (outcome.hasErrors()) {
      throw new UsageException(
          file
              + " has errors; walkspec check "
              + file
              + " shows them:\n"
              + new DiagnosticPrinter(outcome.sources()).text(outcome.diagnostics()));
    }
    return outcome.checked();
  }
}
