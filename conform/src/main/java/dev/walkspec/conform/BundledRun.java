package dev.walkspec.conform;

import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The specs a conformance run covers: given files, or every bundled spec (canonical first). */
public final class BundledRun {
  private BundledRun() {}

  public static List<Matrix.NamedSpec> specs(List<Path> files) {
    List<Path> chosen = files.isEmpty() ? BundledSpecs.files() : files;
    Path base = files.isEmpty() ? BundledSpecs.directory() : Path.of("");
    Pipeline pipeline = new Pipeline(new SpecLoader(base, List.of()));
    List<Matrix.NamedSpec> specs = new ArrayList<>();
    for (Path file : chosen) {
      CheckOutcome outcome = pipeline.check(file);
      if (outcome.hasErrors()) {
        throw new IllegalArgumentException(file + " has errors; run walkspec check on it");
      }
      specs.add(new Matrix.NamedSpec(outcome.checked().spec().name(), file, outcome.checked()));
    }
    return specs;
  }
}
