package dev.walkspec.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the fixture specs under src/test/resources/fixtures (read from the test class path). A
 * fixture is either a {@code .walk} file directly in a group directory ({@code
 * bad/names/ws101-unknown-walker.walk}) or a directory holding {@code main.walk}, the root, and the
 * files it imports ({@code bad/syntax/ws010-import-cycle/}).
 */
final class Fixtures {
  static final String MAIN = "main.walk";

  private Fixtures() {}

  static Path root() {
    URL url = Fixtures.class.getResource("/fixtures/README.md");
    if (url == null) {
      throw new IllegalStateException("fixtures/README.md is not on the test class path");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The fixtures under a directory of the root ("bad", "good", "lib"), by root-relative name: the
   * root file for a single-file fixture, the directory for a multi-file one.
   */
  static List<String> under(String directory) {
    Path root = root();
    List<String> fixtures = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root.resolve(directory))) {
      paths
          .filter(p -> isFixture(p))
          .map(p -> Expectations.display(root, p))
          .sorted()
          .forEach(fixtures::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fixtures;
  }

  private static boolean isFixture(Path p) {
    if (Files.isDirectory(p)) {
      return Files.isRegularFile(p.resolve(MAIN));
    }
    return p.getFileName().toString().endsWith(".walk") && !insideMultiFileFixture(p);
  }

  private static boolean insideMultiFileFixture(Path file) {
    for (Path dir = file.getParent();
        dir != null && dir.startsWith(root());
        dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MAIN))) {
        return true;
      }
    }
    return false;
  }

  /** The file the pipeline starts from. */
  static Path rootFile(String fixture) {
    Path path = root().resolve(fixture);
    return Files.isDirectory(path) ? path.resolve(MAIN) : path;
  }

  /** Every .walk file that belongs to a fixture: its root and, for a directory, the others. */
  static List<Path> files(String fixture) {
    Path path = root().resolve(fixture);
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> paths = Files.walk(path)) {
      return paths.filter(p -> p.getFileName().toString().endsWith(".walk")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
