package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.mutate.SpecMutants;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress of walkspec conform: in place at a terminal, a heartbeat elsewhere. */
class ProgressTest {
  private final StringWriter text = new StringWriter();
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

  private Progress.Status status(boolean terminal) {
    return new Progress.Status(new PrintWriter(text), nanos::get, terminal);
  }

  @Test
  void the_heartbeat_is_silent_between_beats_and_one_line_on_each() {
    Progress.Status progress = status(false);
    progress.phase("running");
    progress.testDone("a", true);
    progress.testDone("b", false);
    progress.testDone("c", true);
    progress.schedulesDone(1234);
    assertThat(text.toString()).isEmpty();

    nanos.addAndGet(12_400_000_000L);
    progress.beat();
    progress.phase("spec mutants 3 of 40");
    nanos.addAndGet(10_000_000_000L);
    progress.beat();
    progress.end();
    progress.beat();

    assertThat(text.toString())
        .isEqualTo(
            "walkspec conform: running: 3 tests, 1 failed, 1,234 schedules explored, 12 s\n"
                + "walkspec conform: spec mutants 3 of 40: 3 tests, 1 failed, 1,234 schedules"
                + " explored, 22 s\n");
  }

  @Test
  void at_a_terminal_the_line_is_rewritten_and_ended_once_with_a_newline() {
    Progress.Status progress = status(true);
    progress.phase("running");
    nanos.addAndGet(2_000_000_000L);
    progress.testDone("a", true);
    progress.end();
    progress.end();
    progress.testDone("b", true);

    assertThat(text.toString())
        .isEqualTo(
            "\r\u001b[2Krunning: 0 tests, 0 failed, 0 schedules explored, 0 s"
                + "\r\u001b[2Krunning: 1 tests, 0 failed, 0 schedules explored, 2 s"
                + "\n");
  }

  @Test
  void while_suites_run_the_line_counts_them_names_the_cell_and_estimates_the_rest() {
    Progress.Status progress = status(false);
    progress.phase("running");
    progress.suitesPlanned(40);
    progress.suiteStarted("TdpUnmapReturnsFalse on kvm, invalidate_range_start[x86]");
    nanos.addAndGet(10_000_000_000L);
    progress.beat();
    progress.suiteDone();
    progress.suiteStarted("x86 on kvm, clear_young[x86]");
    progress.suiteDone();
    progress.testDone("a", true);
    progress.beat();
    progress.phase("spec mutants");
    progress.beat();

    assertThat(text.toString())
        .isEqualTo(
            "walkspec conform: running: suite 1 of 40 (TdpUnmapReturnsFalse on kvm,"
                + " invalidate_range_start[x86]), 0 tests, 0 failed, 0 schedules explored, 10 s\n"
                + "walkspec conform: running: suite 3 of 40 (x86 on kvm, clear_young[x86]), 1"
                + " tests, 0 failed, 0 schedules explored, 10 s, about 190 s left\n"
                + "walkspec conform: spec mutants: 1 tests, 0 failed, 0 schedules explored, 10 s\n");
  }

  @Test
  void a_terminal_that_never_showed_a_line_gets_no_newline() {
    status(true).end();

    assertThat(text.toString()).isEmpty();
  }

  @Test
  void the_spec_mutant_phase_is_counted_and_its_directory_removed() throws Exception {
    List<String> phases = new ArrayList<>();
    Progress recording =
        new Progress() {
          @Override
          public synchronized void phase(String what) {
            phases.add(what);
          }

          @Override
          public void testDone(String name, boolean passed) {}

          @Override
          public void schedulesDone(long schedules) {}
        };

    Optional<CanonicalMutants> mutants =
        CanonicalMutants.runIfPresent(
            BundledRun.specs(List.of()), Optional.empty(), recording, false);

    int total = SpecMutants.catalogue().size();
    assertThat(mutants).isPresent();
    assertThat(phases.get(0)).isEqualTo("spec mutants");
    assertThat(phases).contains("spec mutants 1 of " + total);
    assertThat(phases.get(phases.size() - 1)).isEqualTo("spec mutants " + total + " of " + total);
    assertThat(phases).hasSize(total + 1);
    assertThat(TempDirs.live()).isEmpty();
  }
}
