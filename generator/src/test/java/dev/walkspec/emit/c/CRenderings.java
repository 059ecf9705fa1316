package dev.walkspec.emit.c;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Bundled specs, checked and rendered as C, for the C tests. */
final class CRenderings {
  private CRenderings() {}

  /** The file names of the bundled specs, kvm.walk first. */
  static List<String> bundledNames() {
    return BundledSpecs.files().stream().map(p -> p.getFileName().toString()).toList();
  }

  static CheckedSpec checked(String name) {
    Pipeline pipeline = new Pipeline(new SpecLoader(BundledSpecs.directory(), List.of()));
    CheckOutcome outcome = pipeline.check(BundledSpecs.file(name));
    if (outcome.hasErrors()) {
      throw new AssertionError(name + " has errors: " + outcome.diagnostics());
    }
    return outcome.checked();
  }

  static CRendering bundled(String name) {
    return CRenderer.render(checked(name));
  }

  /** Writes a rendering's files under {@code root}, as a kernel tree. */
  static Path write(CRendering rendering, Path root) throws IOException {
    for (RenderedFile file : rendering.files()) {
      Path target = root.resolve(file.path());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.text(), StandardCharsets.UTF_8);
    }
    return root;
  }
}
