package dev.walkspec.conform;

import dev.walkspec.emit.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code walkspec conform --keep-suites DIR}: the generated handler suites and walkers of the run,
 * written as Java sources, so that a failing property can be read and run again (with the run's
 * fixed seed) after the run's temporary directory is gone.
 */
final class KeptSuites {
  private KeptSuites() {}

  static void write(Path dir, List<GeneratedFile> sources) throws IOException {
    for (GeneratedFile file : sources) {
      Path target = dir.resolve(file.relativePath());
      Files.createDirectories(target.getParent());
      // Atomic: a reader never sees half a file.
      Path temp = Files.createTempFile(target.getParent(), ".walkspec", ".tmp");
      try {
        Files.writeString(temp, file.content(), StandardCharsets.UTF_8);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}
