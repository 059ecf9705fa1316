package dev.walkspec.pipeline;

import dev.walkspec.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which build of the generator runs, for the incremental stamp: a release version names its code
 * for good, but a SNAPSHOT is rebuilt under the same version, and generated output must not stay
 * "up to date" across such a rebuild. For a SNAPSHOT the identity adds the size and modification
 * time of the jar the generator was loaded from (or, from a classes directory, the number of class
 * files and the newest modification time): cheap to read, and changed by every rebuild.
 */
final class GeneratorBuild {
  private static final String IDENTITY = compute();

  private GeneratorBuild() {}

  /** "0.1.0" for a release; "0.1.0-SNAPSHOT jar 123456 1764150000000" for a snapshot. */
  static String identity() {
    return IDENTITY;
  }

  private static String compute() {
    String version = Version.get();
    if (!version.endsWith("-SNAPSHOT")) {
      return version;
    }
    try {
      Path code =
          Path.of(GeneratorBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        return version
            + " jar "
            + Files.size(code)
            + " "
            + Files.getLastModifiedTime(code).toMillis();
      }
      try (Stream<Path> files = Files.walk(code)) {
        long[] countAndNewest = {0, 0};
        files
            .filter(f -> f.toString().endsWith(".class"))
            .forEach(
                f -> {
                  countAndNewest[0]++;
                  countAndNewest[1] = Math.max(countAndNewest[1], lastModified(f));
                });
        return version + " classes " + countAndNewest[0] + " " + countAndNewest[1];
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // No readable code source (an unusual class loader): the version alone, as for a release.
      return version;
    }
  }

  private static long lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
