package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.model.SpecHash;
import dev.walkspec.model.SpecInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The spec a suite was generated from: its checked model, built by the generated spec image (no
 * parsing at test time), and where the spec file is (relative to the build's base directory, as the
 * generator was given it). Loading it checks the drift lock: the files the spec was read from must
 * still hash to the content hash the image carries, or the suite would silently judge code against
 * a spec that changed since it was generated.
 */
@API(status = EXPERIMENTAL)
public record SpecRef(Supplier<CheckedSpec> image, String path, List<String> importPath) {
  private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

  public SpecRef {
    importPath = List.copyOf(importPath);
  }

  /**
   * A reference to a generated image ({@code KvmSpecImage::checked}) of the spec at {@code path}.
   */
  public static SpecRef of(Supplier<CheckedSpec> image, String path, String... importPath) {
    return new SpecRef(image, path, List.of(importPath));
  }

  /** The checked spec; fails with "regenerate" when the spec's files changed (drift lock). */
  public CheckedSpec load() {
    CheckedSpec checked = image.get();
    String hash = checked.spec().contentHash();
    if (!VERIFIED.contains(path + "\0" + hash + "\0" + importPath)) {
      verify(checked);
      VERIFIED.add(path + "\0" + hash + "\0" + importPath);
    }
    return checked;
  }

  private void verify(CheckedSpec checked) {
    Path base = Path.of(System.getProperty("basedir", ""));
    Path root = base.resolve(path).toAbsolutePath().normalize();
    String then = checked.spec().contentHash();
    Map<String, String> texts = new LinkedHashMap<>();
    for (SpecInput input : checked.spec().inputs()) {
      Optional<Path> file = locate(base, root, input);
      if (file.isEmpty()) {
        throw new AssertionError(
            "walkspec: the spec "
                + path
                + " changed since this suite was generated: "
                + input.path()
                + " is gone. Regenerate the suites: mvn generate-test-sources, or walkspec generate.");
      }
      texts.put(input.name(), read(file.get()));
    }
    String now = SpecHash.of(texts);
    if (!now.equals(then)) {
      throw new AssertionError(
          "walkspec: the spec "
              + path
              + " changed since this suite was generated"
              + " (sha256 "
              + then.substring(0, 12)
              + "... then, "
              + now.substring(0, 12)
              + "... now). Regenerate the suites: mvn generate-test-sources, or walkspec generate.");
    }
  }

  /** Beside the root file, or in the first directory of the import path that has it. */
  private Optional<Path> locate(Path base, Path root, SpecInput input) {
    if (!input.onImportPath()) {
      Path file = root.getParent().resolve(input.path());
      return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
    return importPath.stream()
        .map(dir -> base.resolve(dir).resolve(input.path()))
        .filter(Files::isRegularFile)
        .findFirst();
  }

  private static String read(Path file) {
    try {
      return SpecHash.text(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("walkspec: cannot read the spec file " + file, e);
    }
  }
}
