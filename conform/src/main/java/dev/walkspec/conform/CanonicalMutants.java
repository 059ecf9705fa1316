package dev.walkspec.conform;

import dev.walkspec.cli.UsageException;
import dev.walkspec.conform.cache.ResultCache;
import dev.walkspec.mutate.MutantOutcome;
import dev.walkspec.mutate.SpecMutation;
import dev.walkspec.pipeline.BundledSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The spec mutants of the canonical spec, run when the canonical spec is among the specs of a
 * conform run: the report's rule coverage says, per rule, which of them a test kills. The catalogue
 * is written against the bundled {@code kvm.walk}, so a spec counts as canonical when its bytes are
 * those of the bundled file.
 *
 * @param spec the name of the spec's column
 * @param outcomes every mutant's outcome, in the catalogue's order
 */
public record CanonicalMutants(String spec, List<MutantOutcome> outcomes) {
  /** The progress phase of the spec-mutant run, followed by "N of M" while it runs. */
  public static final String PHASE = "spec mutants";

  public CanonicalMutants {
    outcomes = List.copyOf(outcomes);
  }

  /** Runs them if the canonical spec is among {@code specs}. */
  public static Optional<CanonicalMutants> runIfPresent(List<Matrix.NamedSpec> specs)
      throws IOException {
    return runIfPresent(specs, Optional.empty());
  }

  public static Optional<CanonicalMutants> runIfPresent(
      List<Matrix.NamedSpec> specs, Optional<ResultCache> cache) throws IOException {
    return runIfPresent(specs, cache, Progress.SILENT, false);
  }

  /**
   * Runs them if the canonical spec is among {@code specs}, or reuses their outcomes from {@code
   * cache} when walkspec's code is unchanged (the spec is the bundled one by definition). With
   * {@code cachedOnly} (a merge of shards), outcomes not in the cache are an error, not a run.
   */
  public static Optional<CanonicalMutants> runIfPresent(
      List<Matrix.NamedSpec> specs,
      Optional<ResultCache> cache,
      Progress progress,
      boolean cachedOnly)
      throws IOException {
    byte[] canonical = Files.readAllBytes(BundledSpecs.file("kvm.walk"));
    for (Matrix.NamedSpec spec : specs) {
      if (Arrays.equals(Files.readAllBytes(spec.file()), canonical)) {
        Optional<String> key = cache.map(c -> Matrix.walkspecKeys().mutants(canonical));
        Optional<List<MutantOutcome>> cached = key.flatMap(k -> cache.get().mutants(k));
        progress.phase(PHASE);
        if (cached.isPresent()) {
          return Optional.of(new CanonicalMutants(spec.name(), cached.get()));
        }
        if (cachedOnly) {
          throw new UsageException(
              "--merge: the spec mutants' outcomes are in none of the directories given (shard 1"
                  + " runs them; or add --no-mutants)");
        }
        Path work = TempDirs.create("walkspec-mutants");
        try {
          List<MutantOutcome> outcomes =
              SpecMutation.run(
                  spec.file(),
                  work,
                  SpecMutation.Options.normal(),
                  (done, total) -> progress.phase(PHASE + " " + done + " of " + total));
          key.ifPresent(k -> cache.get().putMutants(k, outcomes));
          return Optional.of(new CanonicalMutants(spec.name(), outcomes));
        } finally {
          TempDirs.delete(work);
        }
      }
    }
    return Optional.empty();
  }
}
