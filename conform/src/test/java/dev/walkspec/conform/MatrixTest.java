package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.conform.report.ReportFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole conformance matrix, as {@code walkspec conform} runs it: every bundled spec against
 * every bundled handler set and known-bad variant, through the generated suites. Every outcome must
 * be as expected-outcomes.tsv says, in both directions: a failure the file does not list, or a
 * listed one that did not happen, makes the command exit 1 and fails this test.
 */
class MatrixTest {
  static final String UPDATE_PROPERTY = "walkspec.updateDocs";

  @Test
  void every_outcome_is_as_the_reviewed_file_says() {
    FullRun.Output run = FullRun.get();
    System.out.print(run.out());
    assertThat(run.out())
        .as("the command's output (stderr: %s)", run.err())
        .contains("every outcome is as expected-outcomes.tsv says")
        .doesNotContain("outcomes that differ");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void the_matrix_has_a_row_per_handler_set_and_a_column_per_spec() {
    String out = FullRun.get().out();
    String header = out.lines().findFirst().orElseThrow();
    assertThat(header.split("\\|")).hasSize(1 + 13);
    for (HandlerSet set : HandlerSets.bundled()) {
      assertThat(out).containsPattern("(?m)^" + set.name() + " +\\| ");
    }
    assertThat(HandlerSets.bundled()).hasSize(32);
  }

  @Test
  void each_kernel_finding_says_whether_a_range_from_mm_reaches_it() {
    // Issue 17 item 5: judged again on the ranges mm's callers pass (Reachability).
    String out = FullRun.get().out();
    assertThat(out)
        .contains(
            "kernel finding x86/H9: reachable from mm: DAMON's sampling of a page or a 2 MiB"
                + " folio from an unaligned address breaks it too (clear_flush_young[x86] over [")
        .contains(
            "kernel finding riscv/H3: reachable from mm: invalidations come for any page-aligned"
                + " range");
  }

  @Test
  void s390s_read_lock_in_the_lockless_walk_is_an_advisory_note_not_a_failure() {
    // H1 allows it; the report says so apart from the obligation failures (issue 17).
    String out = FullRun.get().out();
    assertThat(out)
        .contains("advisory notes (not obligation failures):")
        .contains(
            "  s390: age handler dev.walkspec.arch.s390.S390AgeHandler takes the MMU lock for read"
                + " inside the lockless walk")
        .contains("  TdpAgeTakesMmuLock: age handler dev.walkspec.arch.bad.TdpAgeTakesMmuLock");
  }

  @Test
  void docs_conformance_matrix_is_the_one_the_run_generates() throws Exception {
    Path generated = FullRun.get().reportDir().resolve(ReportFiles.MATRIX_DOC);
    Path doc = FullRun.docs().resolve("conformance-matrix.md");
    String now = Files.readString(generated, StandardCharsets.UTF_8);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.writeString(doc, now, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/conformance-matrix.md is out of date; rerun with -D" + UPDATE_PROPERTY + "=true")
        .isEqualTo(now);
  }

  @Test
  void docs_obligations_is_the_one_the_run_generates() throws Exception {
    Path generated = FullRun.get().reportDir().resolve(ReportFiles.OBLIGATIONS_DOC);
    Path doc = FullRun.docs().resolve(ReportFiles.OBLIGATIONS_DOC);
    String now = Files.readString(generated, StandardCharsets.UTF_8);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.writeString(doc, now, StandardCharsets.UTF_8);
    }
    assertThat(doc)
        .as("docs/obligations.md is missing; rerun with -D" + UPDATE_PROPERTY + "=true")
        .exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/obligations.md is out of date; rerun with -D" + UPDATE_PROPERTY + "=true")
        .isEqualTo(now);
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
