package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.Severity;
import dev.walkspec.diag.SourceFile;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.Generator;
import dev.walkspec.emit.OutputDirectory;
import dev.walkspec.parse.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * One generation run: check every spec, generate walkers and suites, and replace the output
 * directories atomically, or write nothing when a spec has errors or nothing changed since the last
 * run (same specs, same request, same walkspec version).
 */
@API(status = INTERNAL)
public final class Generation {
  private Generation() {}

  public static GenerateResult run(GenerateRequest request) throws IOException {
    Pipeline pipeline = new Pipeline(new SpecLoader(request.baseDir(), request.importPath()));
    List<Diagnostic> diagnostics = new ArrayList<>();
    Map<String, SourceFile> sources = new LinkedHashMap<>();
    Map<Path, CheckOutcome> checked = new LinkedHashMap<>();
    Map<String, String> hashes = new TreeMap<>();
    for (Path spec : request.specs()) {
      CheckOutcome outcome = pipeline.check(spec);
      diagnostics.addAll(outcome.diagnostics());
      sources.putAll(outcome.sources());
      if (!outcome.hasErrors()) {
        checked.put(spec, outcome);
        hashes.put(request.optionsFor(spec).specPath(), outcome.checked().spec().contentHash());
      }
    }
    if (diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
      return new GenerateResult(false, 0, 0, diagnostics, sources);
    }
    String stamp = stamp(request, hashes);
    Optional<OutputDirectory> walkerDir = request.walkerOutput().map(OutputDirectory::new);
    Optional<OutputDirectory> suiteDir = request.suiteOutput().map(OutputDirectory::new);
    boolean current =
        walkerDir.map(d -> d.isCurrent(stamp)).orElse(true)
            && suiteDir.map(d -> d.isCurrent(stamp)).orElse(true);
    if (current) {
      // Checked (its diagnostics still count) but not rendered: the stamp says the output holds
      // exactly what rendering would write.
      return new GenerateResult(true, 0, 0, diagnostics, sources);
    }
    List<GeneratedFile> walkers = new ArrayList<>();
    List<GeneratedFile> suites = new ArrayList<>();
    List<GeneratedFile> images = new ArrayList<>();
    for (Map.Entry<Path, CheckOutcome> spec : checked.entrySet()) {
      Generator generator =
          new Generator(spec.getValue().checked(), request.optionsFor(spec.getKey()));
      walkers.addAll(generator.walkers());
      suites.addAll(generator.walkerSuites());
      generator.handlerSuites().stream().filter(f -> !suites.contains(f)).forEach(suites::add);
      images.add(generator.specImage());
    }
    walkers.sort(null);
    suites.sort(null);
    if (walkerDir.isPresent()) {
      walkerDir.get().replaceWith(walkers, stamp);
    }
    if (suiteDir.isPresent()) {
      suiteDir.get().replaceWith(suites, stamp);
    }
    return new GenerateResult(
        false,
        walkerDir.isPresent() ? walkers.size() : 0,
        // The spec images are written with the suites but are not suites (the count users read).
        suiteDir.isPresent() ? (int) suites.stream().filter(f -> !images.contains(f)).count() : 0,
        diagnostics,
        sources);
  }

  /** A digest of everything the output depends on. */
  static String stamp(GenerateRequest request, Map<String, String> specHashes) {
    // The generator's build, not only its version: a rebuilt SNAPSHOT must regenerate.
    StringBuilder inputs =
        new StringBuilder("walkspec ").append(GeneratorBuild.identity()).append('\n');
    specHashes.forEach(
        (path, hash) -> inputs.append("spec ").append(path).append(' ').append(hash).append('\n'));
    inputs.append("package ").append(request.basePackage()).append('\n');
    inputs.append("imports ").append(request.relativeImportPath()).append('\n');
    inputs.append("operations ").append(new TreeSet<>(request.operations())).append('\n');
    inputs.append("profiles ").append(new TreeSet<>(request.profiles())).append('\n');
    inputs.append("handlers ").append(new TreeMap<>(request.handlerClasses())).append('\n');
    inputs
        .append("properties ")
        .append(request.handlerTries())
        .append(' ')
        .append(request.propertySeed())
        .append('\n');
    inputs
        .append("outputs ")
        .append(request.walkerOutput().isPresent())
        .append(request.suiteOutput().isPresent());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(inputs.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
