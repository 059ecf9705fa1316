package dev.walkspec.conform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary directories of a run (compiled suites, jqwik's database, the spec mutants) go when
 * it ends: normally, by an error, or by Ctrl-C (a shutdown hook removes those still there), so that
 * no /tmp/walkspec-conform* or /tmp/walkspec-jqwik* is left behind.
 */
final class TempDirs {
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TempDirs::deleteAll, "walkspec-tempdirs"));
  }

  private TempDirs() {}

  /** A new temporary directory, removed at the latest when the JVM exits. */
  static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    LIVE.add(dir);
    return dir;
  }

  static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
    LIVE.remove(dir);
  }

  /** The directories not deleted yet (for tests). */
  static Set<Path> live() {
    return Set.copyOf(LIVE);
  }

  /** At exit: best effort, since a worker may still be writing into a directory. */
  private static void deleteAll() {
    for (Path dir : List.copyOf(LIVE)) {
      for (int attempt = 0; attempt < 2 && Files.exists(dir); attempt++) {
        try {
          delete(dir);
        } catch (IOException | RuntimeException e) {
          // A file appeared while deleting: try once more, then leave it.
        }
      }
    }
  }
}
