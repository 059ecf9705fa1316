package dev.walkspec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.Version;
import org.junit.jupiter.api.Test;

/** The incremental stamp names the generator's build, so a rebuilt SNAPSHOT regenerates. */
class GeneratorBuildTest {
  @Test
  void a_snapshot_is_identified_by_its_build_and_a_release_by_its_version() {
    String identity = GeneratorBuild.identity();

    if (Version.get().endsWith("-SNAPSHOT")) {
      // Here the generator runs from target/classes: the class files' count and newest time.
      assertThat(identity)
          .matches(java.util.regex.Pattern.quote(Version.get()) + " classes \\d+ \\d+");
    } else {
      assertThat(identity).isEqualTo(Version.get());
    }
  }
}
