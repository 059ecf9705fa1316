package dev.walkspec.suite;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spec a suite was generated from: where it is (relative to the build's base directory, as the
 * generator was given it) and the content hash it had then. Loading it again checks the hash: a
 * suite must not silently judge code against a spec that changed since (drift lock).
 */
public record SpecRef(String path, String hash, List<String> importPath) {
  private static final Map<SpecRef, CheckedSpec> LOADED = new ConcurrentHashMap<>();

  public SpecRef {
    importPath = List.copyOf(importPath);
  }

  public static SpecRef of(String path, String hash, String... importPath) {
    return new SpecRef(path, hash, List.of(importPath));
  }

  /** The checked spec; fails with "regenerate" when the file's hash changed (drift lock). */
  public CheckedSpec load() {
    return LOADED.computeIfAbsent(this, SpecRef::loadFresh);
  }

  private CheckedSpec loadFresh() {
    Path base = Path.of(System.getProperty("basedir", ""));
    Path file = base.resolve(path);
    List<Path> imports = importPath.stream().map(base::resolve).toList();
    CheckOutcome outcome = new Pipeline(new SpecLoader(base, imports)).check(file);
    if (outcome.hasErrors()) {
      throw new AssertionError(
          "walkspec: the spec "
              + path
              + " no longer checks:\n"
              + new DiagnosticPrinter(outcome.sources()).text(outcome.diagnostics()));
    }
    String now = outcome.checked().spec().contentHash();
    if (!now.equals(hash)) {
      throw new AssertionError(
          "walkspec: the spec "
              + path
              + " changed since this suite was generated"
              + " (sha256 "
              + hash.substring(0, 12)
              + "... then, "
              + now.substring(0, 12)
              + "... now). Regenerate the suites: mvn generate-test-sources, or walkspec generate.");
    }
    return outcome.checked();
  }
}
