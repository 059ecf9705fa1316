package dev.walkspec.conform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The temporary directories of a run (compiled suites, jqwik's database) go when it ends. */
final class TempDirs {
  private TempDirs() {}

  static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
