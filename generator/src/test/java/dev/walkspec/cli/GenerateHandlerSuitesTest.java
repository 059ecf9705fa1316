package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code walkspec generate --tests DIR --handler KIND=CLASS} writes the handler suites a failing
 * conform card names (the ones {@code walkspec conform --keep-suites} keeps), not only the walker
 * suites.
 */
class GenerateHandlerSuitesTest {
  private static final String KVM = "../spec/src/main/walkspec/kvm.walk";

  @Test
  void a_handler_class_gets_its_handler_suites(@TempDir Path dir) throws Exception {
    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "generate",
            KVM,
            "-o",
            dir.resolve("walkers").toString(),
            "--tests",
            dir.resolve("suites").toString(),
            "--handler",
            "x86.age=com.example.MyAge",
            "--seed",
            "20261126");

    assertThat(run.exit()).as(run.err()).isZero();
    List<Path> suites;
    try (var files = Files.walk(dir.resolve("suites"))) {
      suites =
          files
              .filter(p -> p.getFileName().toString().endsWith("MyAgeTest.java"))
              .sorted()
              .toList();
    }
    assertThat(suites).isNotEmpty();
    String suite = Files.readString(suites.get(0), StandardCharsets.UTF_8);
    assertThat(suite)
        .contains("HandlerSuite.of(")
        .contains("com.example.MyAge")
        .contains("seed = \"20261126\"")
        .contains("SUITE.exploredScenarioNames()");
  }

  @Test
  void a_handler_without_tests_is_a_usage_error(@TempDir Path dir) {
    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "generate", KVM, "-o", dir.toString(), "--handler", "age=com.example.MyAge");

    assertThat(run.exit()).isEqualTo(Main.USAGE);
    assertThat(run.err())
        .isEqualTo("walkspec: --handler writes handler suites, which go to --tests DIR\n");
  }
}
