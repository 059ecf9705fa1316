package dev.walkspec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the build tools (the Maven plugin goes through {@link Builds}) generate does not depend on
 * the order the file system lists spec directories in, nor on the default locale or time zone: two
 * projects with the same specs written in different orders generate byte-identical sources, and the
 * roots come sorted by relative path.
 */
class BuildDeterminismTest {
  @TempDir Path dir;

  /** Spec files, nested, with names whose sorted order is not their creation order. */
  static final List<String> NAMES =
      List.of(
          "z.walk",
          "a.walk",
          "M.walk",
          "b/c.walk",
          "b/a.walk",
          "B.walk",
          "a-b.walk",
          "a_b.walk",
          "a/z/y.walk",
          "a/b.walk",
          "0.walk",
          "é.walk",
          "b.walk",
          "aa.walk",
          "a.b.walk");

  private Path project(String name, long seed) throws IOException {
    Path project = dir.resolve(name);
    List<String> order = new ArrayList<>(NAMES);
    Collections.shuffle(order, new Random(seed));
    for (String file : order) {
      Path spec = project.resolve("src/main/walkspec").resolve(file);
      Files.createDirectories(spec.getParent());
      // Each spec its own operation label, so every file generates distinct sources.
      String label = "op_" + Integer.toHexString(file.hashCode() & 0xffff);
      Files.writeString(
          spec, BuildsTest.SPEC.replace("clear_young", label), StandardCharsets.UTF_8);
    }
    return project;
  }

  private static BuildRequest request(Path project) {
    return new BuildRequest(
        project,
        List.of(project.resolve("src/main/walkspec")),
        List.of(),
        project.resolve("target/walkspec-specs"),
        List.of(),
        Optional.of(project.resolve("target/generated-sources/walkspec")),
        Optional.of(project.resolve("target/generated-test-sources/walkspec")),
        "com.example.gen",
        Set.of(),
        Set.of(),
        Map.of("age", "dev.walkspec.pipeline.handlers.GoodAge"),
        List.of(
            location(dev.walkspec.pipeline.handlers.GoodAge.class),
            location(dev.walkspec.runtime.api.AgeHandler.class)));
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void roots_are_sorted_by_relative_path_whatever_the_listing_order() throws IOException {
    for (long seed = 0; seed < 4; seed++) {
      Path project = project("p" + seed, seed);
      Path specs = project.resolve("src/main/walkspec");
      List<String> roots =
          Builds.sources(request(project)).roots().stream()
              .map(p -> specs.relativize(p).toString().replace('\\', '/'))
              .toList();
      assertThat(roots).isEqualTo(NAMES.stream().sorted().toList());
    }
  }

  @Test
  void projects_written_in_different_orders_generate_the_same_bytes_in_any_locale()
      throws IOException {
    Path first = project("first", 1);
    Builds.generate(request(first));
    Map<String, String> expected = tree(first.resolve("target"));
    assertThat(expected.keySet()).anyMatch(p -> p.endsWith("Test.java"));
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
      Path second = project("second", 2);
      Builds.generate(request(second));
      assertThat(tree(second.resolve("target"))).isEqualTo(expected);
      Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
      TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
      Path third = project("third", 3);
      Builds.generate(request(third));
      assertThat(tree(third.resolve("target"))).isEqualTo(expected);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  /** The generated files (and stamps) below a directory, by relative path. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("walkspec-specs"))
          .forEach(
              p -> {
                try {
                  files.put(root.relativize(p).toString(), Files.readString(p));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return files;
  }
}
