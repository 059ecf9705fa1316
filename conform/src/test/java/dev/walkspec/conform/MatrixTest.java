package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole conformance matrix: every bundled spec against every bundled handler set and known-bad
 * variant, through the generated suites. Every outcome must be as expected-outcomes.tsv says, in
 * both directions: a failure the file does not list, or a listed one that did not happen, fails
 * this test.
 */
class MatrixTest {
  @Test
  void every_outcome_is_as_the_reviewed_file_says() throws Exception {
    MatrixResult result =
        Matrix.run(
            BundledRun.specs(List.of()),
            HandlerSets.bundled(),
            ConformCommand.DEFAULT_TRIES,
            Progress.SILENT);
    System.out.print(MatrixTable.text(result));
    System.out.printf(
        "conformance matrix: %d suites, %d tests, %.1f s%n",
        result.suites(), result.tests(), result.millis() / 1000.0);
    List<ExpectedOutcomes.Difference> differences = ExpectedOutcomes.bundled().differences(result);
    assertThat(
            differences.stream()
                .map(ExpectedOutcomes.Difference::describe)
                .collect(Collectors.toList()))
        .as("cells that differ from expected-outcomes.tsv")
        .isEmpty();
    assertThat(result.sets()).hasSize(22);
    assertThat(result.specs()).hasSize(10);
  }

  @Test
  void every_known_bad_variant_is_expected_to_fail_somewhere() {
    ExpectedOutcomes expected = ExpectedOutcomes.bundled();
    for (HandlerSet set : HandlerSets.bundled()) {
      if (set.isKnownBad()) {
        assertThat(expected.expectations())
            .as(set.name())
            .anyMatch(e -> e.set().equals(set.name()));
      }
    }
  }
}
