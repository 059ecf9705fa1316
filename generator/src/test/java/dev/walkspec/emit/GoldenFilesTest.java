package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emitters' output for the canonical spec, compared with reviewed golden files in
 * src/test/resources/golden. Run with {@code -Dwalkspec.updateGolden=true} to rewrite them after an
 * intended change, then review the diff. A missing golden file fails.
 */
class GoldenFilesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final String SPEC_PATH = "../spec/src/main/walkspec/kvm.walk";

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "ClearYoungX86Walker.java",
        "InvalidateRangeStartArm64Walker.java",
        "GenericHvaRangeWalker.java",
        "ClearYoungX86WalkerTest.java"
      })
  void emitter_output_matches_the_reviewed_golden_file(String name) throws IOException {
    CheckedSpec spec = GeneratedCodeTest.bundled("kvm.walk");
    Generator generator = new Generator(spec, GeneratorOptions.defaults(SPEC_PATH));
    List<GeneratedFile> all = new java.util.ArrayList<>(generator.walkers());
    all.addAll(generator.walkerSuites());
    assertMatchesGolden(all, name);
  }

  /** The handler suite emitter: clear_young on x86 with a project's age handler under test. */
  @org.junit.jupiter.api.Test
  void the_handler_suite_matches_its_reviewed_golden_file() throws IOException {
    CheckedSpec spec = GeneratedCodeTest.bundled("kvm.walk");
    Generator generator =
        new Generator(
            spec,
            new GeneratorOptions(
                GeneratorOptions.DEFAULT_PACKAGE,
                java.util.Set.of("C4"),
                java.util.Set.of("x86"),
                java.util.Map.of("x86/age", "com.example.kvm.X86AgeHandler"),
                SPEC_PATH));
    assertMatchesGolden(generator.handlerSuites(), "ClearYoungX86X86AgeHandlerTest.java");
  }

  private static void assertMatchesGolden(List<GeneratedFile> all, String name) throws IOException {
    String actual =
        all.stream()
            .filter(f -> f.relativePath().endsWith("/" + name))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "nothing generated named "
                            + name
                            + " among "
                            + all.stream().map(GeneratedFile::relativePath).toList()))
            .content();
    Path golden = GOLDEN.resolve(name + ".golden");
    if (Boolean.getBoolean("walkspec.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden)
        .as(
            "golden file %s is missing; run with -Dwalkspec.updateGolden=true and review it",
            golden)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
