package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.assemble.SpecAssembler;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.Checker;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.model.Spec;
import dev.walkspec.parse.LoadedSpec;
import dev.walkspec.parse.SpecLoader;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The front end as one call: load (read and parse the file and its imports), assemble (apply
 * refinements into one model), check. Each stage runs only when the stages before it reported no
 * errors.
 */
@API(status = INTERNAL)
public final class Pipeline {
  private final SpecLoader loader;

  public Pipeline(SpecLoader loader) {
    this.loader = loader;
  }

  /** A pipeline showing paths relative to the working directory, without an import path. */
  public static Pipeline standard() {
    return new Pipeline(SpecLoader.inWorkingDirectory());
  }

  public CheckOutcome check(Path root) {
    Diagnostics diagnostics = new Diagnostics();
    LoadedSpec loaded = loader.load(root, diagnostics);
    Optional<CheckedSpec> checked = Optional.empty();
    if (!diagnostics.hasErrors()) {
      Spec spec = SpecAssembler.build(loaded, diagnostics);
      if (!diagnostics.hasErrors()) {
        checked = Checker.check(spec, diagnostics);
      }
    }
    return new CheckOutcome(checked, diagnostics.sorted(), loaded.sources());
  }
}
