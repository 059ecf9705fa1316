package dev.walkspec.semantics;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.util.List;

/** Bundled specs, checked, for tests. */
public final class Specs {
  private Specs() {}

  public static CheckedSpec bundled(String name) {
    Pipeline pipeline = new Pipeline(new SpecLoader(BundledSpecs.directory(), List.of()));
    CheckOutcome outcome = pipeline.check(BundledSpecs.file(name));
    if (outcome.hasErrors()) {
      throw new AssertionError(name + " has errors: " + outcome.diagnostics());
    }
    return outcome.checked();
  }
}
