package dev.walkspec.conform;

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
  public CanonicalMutants {
    outcomes = List.copyOf(outcomes);
  }

  /** Runs them if the canonical spec is among {@code specs}. */
  public static Optional<CanonicalMutants> runIfPresent(List<Matrix.NamedSpec> specs)
      throws IOException {
    byte[] canonical = Files.readAllBytes(BundledSpecs.file("kvm.walk"));
    for (Matrix.NamedSpec spec : specs) {
      if (Arrays.equals(Files.readAllBytes(spec.file()), canonical)) {
        Path work = Files.createTempDirectory("walkspec-mutants");
        try {
          return Optional.of(
              new CanonicalMutants(
                  spec.name(), SpecMutation.run(spec.file(), work, SpecMutation.Options.normal())));
        } finally {
          TempDirs.delete(work);
        }
      }
    }
    return Optional.empty();
  }
}
