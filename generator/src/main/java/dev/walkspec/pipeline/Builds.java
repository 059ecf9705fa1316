package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.Similarity;
import dev.walkspec.emit.Generator;
import dev.walkspec.emit.GeneratorOptions;
import dev.walkspec.emit.JavaPackages;
import dev.walkspec.emit.OutputDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The goals of a build tool, each one call on a {@link BuildRequest}: {@link #check} (the specs
 * only) and {@link #generate} (walkers and/or suites). Misconfigurations are thrown as {@link
 * BuildProblem}s, one sentence each, before anything is written.
 */
@API(status = INTERNAL)
public final class Builds {
  private Builds() {}

  /** The specs of a request: archives unpacked, roots selected, the import path. */
  public static SpecSources sources(BuildRequest request) {
    List<Path> unpacked = new ArrayList<>();
    for (SpecArchive archive : request.specArchives()) {
      unpacked.add(SpecArchives.unpack(archive, request.unpackDirectory()));
    }
    return SpecSources.resolve(request.specDirectories(), unpacked, request.specs());
  }

  /** Checks the request's specs: every diagnostic of every root. */
  public static CheckReport check(BuildRequest request) {
    SpecSources sources = sources(request);
    return CheckReport.of(sources.roots(), sources.importPath(), request.baseDir());
  }

  /** What {@link #generate} did: the check report and, when the specs checked, the generation. */
  public record Outcome(CheckReport report, Optional<GenerateResult> generated) {}

  /**
   * Checks the request, then the specs, then the names and handler classes against the specs, and
   * generates. Nothing is written when a spec has errors or the output is up to date.
   *
   * @throws BuildProblem for a misconfiguration, before anything is written
   */
  public static Outcome generate(BuildRequest request) throws IOException {
    if (!JavaPackages.isValid(request.basePackage())) {
      throw new BuildProblem(
          "basePackage '"
              + request.basePackage()
              + "' is not a valid Java package name; use dot-separated identifiers such as"
              + " com.example.walkers");
    }
    Map<String, String> handlers = HandlerClasses.normalize(request.handlerClasses());
    checkProperties(request.handlerTries(), request.propertySeed());
    checkOutputs(request);
    SpecSources sources = sources(request);
    CheckReport report = CheckReport.of(sources.roots(), sources.importPath(), request.baseDir());
    if (report.hasErrors() || sources.roots().isEmpty()) {
      return new Outcome(report, Optional.empty());
    }
    checkSelection(request, report.specs());
    if (request.suiteOutput().isPresent()) {
      checkCompanions(request, report.specs());
      HandlerClasses.checkKeys(handlers, report.specs());
      HandlerClasses.checkClasses(handlers, report.specs(), request.handlerClasspath());
    }
    GenerateRequest generate =
        new GenerateRequest(
            sources.roots(),
            sources.importPath(),
            request.baseDir(),
            request.walkerOutput(),
            request.suiteOutput(),
            request.basePackage(),
            request.operations(),
            request.profiles(),
            request.suiteOutput().isPresent() ? handlers : Map.of(),
            request.handlerTries(),
            request.propertySeed());
    return new Outcome(report, Optional.of(Generation.run(generate)));
  }

  /** What {@link #generateC} did: the check report and, when the specs checked, the rendering. */
  public record COutcome(CheckReport report, Optional<CGeneration.Result> rendered) {}

  /**
   * Checks the request's specs and renders every root as kernel C and Kconfig into {@code output}
   * (one directory per spec). The request's operation and profile selections do not apply: a
   * rendering is the whole walk, every caller and every arch.
   *
   * @throws BuildProblem for an output directory that is not walkspec's own
   */
  public static COutcome generateC(BuildRequest request, Path output) throws IOException {
    checkOutputs(
        new BuildRequest(
            request.baseDir(),
            request.specDirectories(),
            request.specArchives(),
            request.unpackDirectory(),
            request.specs(),
            Optional.of(output),
            Optional.empty(),
            request.basePackage(),
            request.operations(),
            request.profiles(),
            request.handlerClasses(),
            request.handlerClasspath()));
    SpecSources sources = sources(request);
    CheckReport report = CheckReport.of(sources.roots(), sources.importPath(), request.baseDir());
    if (report.hasErrors() || sources.roots().isEmpty()) {
      return new COutcome(report, Optional.empty());
    }
    return new COutcome(
        report,
        Optional.of(
            CGeneration.run(sources.roots(), sources.importPath(), request.baseDir(), output)));
  }

  /**
   * The tries must not be negative and a fixed seed must be what jqwik takes: a decimal long. Said
   * before anything is generated, so a typo cannot reach a suite that fails at run time.
   */
  public static void checkProperties(int tries, String seed) {
    if (tries < 0) {
      throw new BuildProblem("handlerTries must be 0 (the default) or more, got " + tries);
    }
    if (!GeneratorOptions.isSeed(seed)) {
      throw new BuildProblem(
          "propertySeed must be a whole number (a jqwik seed such as 20261126), got '"
              + seed
              + "'");
    }
  }

  /** Every selected operation and profile must be in some spec: a typo would generate nothing. */
  static void checkSelection(BuildRequest request, List<CheckedSpec> specs) {
    TreeSet<String> operations = new TreeSet<>();
    TreeSet<String> profiles = new TreeSet<>();
    for (CheckedSpec spec : specs) {
      spec.spec()
          .operations()
          .forEach(
              o -> {
                operations.add(o.id().text());
                operations.add(o.label().text());
              });
      spec.profiles().forEach(p -> profiles.add(p.name()));
    }
    for (String op : new TreeSet<>(request.operations())) {
      if (!operations.contains(op)) {
        throw new BuildProblem(
            "operations names '"
                + op
                + "', which is no operation of the specs"
                + Similarity.hint(op, operations)
                + " (the operations, by id or label: "
                + String.join(", ", operations)
                + ")");
      }
    }
    for (String profile : new TreeSet<>(request.profiles())) {
      if (!profiles.contains(profile)) {
        throw new BuildProblem(
            "profiles names '"
                + profile
                + "', which is no profile of the specs"
                + Similarity.hint(profile, profiles)
                + " (the profiles: "
                + String.join(", ", profiles)
                + ")");
      }
    }
  }

  /**
   * An unmap handler's suite explores whole invalidations, begun by its operation (C1) and ended by
   * the one whose on_lock ends them (C2, for the retry protocol, H13): selecting the first without
   * the second would generate a suite that names a walker nobody generated.
   */
  static void checkCompanions(BuildRequest request, List<CheckedSpec> specs) {
    if (request.operations().isEmpty()) {
      return;
    }
    for (CheckedSpec spec : specs) {
      for (Binding b : spec.bindings()) {
        boolean unmap = b.handlerKind().filter("unmap"::equals).isPresent();
        if (!unmap || !selected(request, b)) {
          continue;
        }
        Optional<Binding> end =
            spec.bindings().stream()
                .filter(e -> e.profile().name().equals(b.profile().name()))
                .filter(Generator::endsInvalidation)
                .findFirst();
        if (end.isPresent() && !selected(request, end.get())) {
          String name = end.get().operation().label().text();
          throw new BuildProblem(
              "operations selects "
                  + b.operation().label().text()
                  + " but not "
                  + name
                  + ": the unmap handler's suite explores whole invalidations, which "
                  + name
                  + " ends (H12, H13); add <operation>"
                  + name
                  + "</operation>");
        }
      }
    }
  }

  private static boolean selected(BuildRequest request, Binding b) {
    return request.operations().contains(b.operation().id().text())
        || request.operations().contains(b.operation().label().text());
  }

  /**
   * An output directory is replaced as a whole, so it must be walkspec's own: not the project
   * directory or a directory holding it, no spec directory, and not a directory that already holds
   * files walkspec did not write.
   */
  static void checkOutputs(BuildRequest request) throws IOException {
    List<Path> outputs = new ArrayList<>();
    request.walkerOutput().ifPresent(outputs::add);
    request.suiteOutput().ifPresent(outputs::add);
    Path base = real(request.baseDir());
    List<Path> guarded = new ArrayList<>();
    guarded.add(base);
    request.specDirectories().stream().map(Builds::real).forEach(guarded::add);
    guarded.add(real(request.unpackDirectory()));
    for (Path output : outputs) {
      Path out = real(output);
      for (Path dir : guarded) {
        if (dir.startsWith(out)) {
          throw new BuildProblem(
              "output directory "
                  + output
                  + " would replace "
                  + dir
                  + ", which it holds; give walkspec an output directory of its own, such as"
                  + " target/generated-sources/walkspec");
        }
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new BuildProblem(
            "output directory "
                + output
                + " is a file, and generation replaces it as a whole; give walkspec a directory of"
                + " its own, such as target/generated-sources/walkspec");
      }
      if (Files.isDirectory(out) && !Files.exists(out.resolve(OutputDirectory.STAMP))) {
        try (Stream<Path> entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            throw new BuildProblem(
                "output directory "
                    + output
                    + " already holds files walkspec did not write, and generation replaces the"
                    + " whole directory; give walkspec an empty directory of its own");
          }
        }
      }
    }
    if (outputs.size() == 2) {
      Path a = real(outputs.get(0));
      Path b = real(outputs.get(1));
      if (a.startsWith(b) || b.startsWith(a)) {
        throw new BuildProblem(
            "the walker and suite output directories must not hold one another; give each its own");
      }
    }
  }

  /** The absolute path with symbolic links resolved as far as the path exists. */
  static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    } catch (IOException e) {
      return absolute;
    }
  }
}
