package dev.walkspec.conform.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reviewed text snapshots in src/test/resources/dev/walkspec/conform/report/snapshots; {@code
 * -Dwalkspec.updateGolden=true} rewrites them (review the diff before committing).
 */
final class Snapshots {
  static final String UPDATE_PROPERTY = "walkspec.updateGolden";

  private Snapshots() {}

  static void assertEquals(String name, String actual) throws IOException {
    Path file =
        Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/dev/walkspec/conform/report/snapshots")
            .resolve(name);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(file))
        .as("%s is missing; run with -D%s=true and review it", file, UPDATE_PROPERTY)
        .isTrue();
    assertThat(actual)
        .as("%s (rerun with -D%s=true to update, then review)", file, UPDATE_PROPERTY)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
