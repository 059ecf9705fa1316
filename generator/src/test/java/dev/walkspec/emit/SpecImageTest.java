package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec image builds exactly the checked spec the pipeline produces (every record equal, down to
 * the positions), for every bundled spec: the suites judge against the same model they would have
 * parsed, with no parser on their class path.
 */
class SpecImageTest {
  @TempDir Path work;

  static Stream<String> bundledSpecs() {
    return Stream.of(
        "kvm.walk",
        "hypo-aging-read-lock.walk",
        "hypo-flush-after-unlock.walk",
        "hypo-lockless-everywhere.walk",
        "v1-v5.13-generic-walk.walk",
        "v2-null-handler-break.walk",
        "v3-v6.12-no-elide.walk",
        "v4-v6.14-locked-aging.walk",
        "v6-stop-on-young.walk",
        "v7-int-results.walk",
        "v8-gmem-private-filter.walk");
  }

  @ParameterizedTest
  @MethodSource("bundledSpecs")
  void the_image_rebuilds_the_checked_spec_equal_to_the_parsed_one(String name) throws Exception {
    CheckedSpec parsed = GeneratedCodeTest.bundled(name);
    Generator generator =
        new Generator(parsed, GeneratorOptions.defaults(BundledSpecs.file(name).toString()));
    GeneratedFile image = generator.specImage();
    SourceCompiler.Result compiled = SourceCompiler.compile(List.of(image), work);
    assertThat(compiled.problems()).isEmpty();
    String className = image.relativePath().replace('/', '.').replaceAll("\\.java$", "");
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {compiled.classes().toUri().toURL()}, getClass().getClassLoader())) {
      Object built = loader.loadClass(className).getMethod("checked").invoke(null);
      assertThat(built).isEqualTo(parsed);
      assertThat(loader.loadClass(className).getField("CONTENT_HASH").get(null))
          .isEqualTo(parsed.spec().contentHash());
    }
  }
}
