package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.conform.cache.ResultCache;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.SourceCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A judgement runs once in the matrix (issue 19 item 2): a suite runs only the tests of the
 * judgements it stands for, and its drift lock, not those another suite judges for it.
 */
class SuiteSelectionTest {
  @Test
  void one_call_properties_scenarios_and_their_factory_are_told_apart_by_name() {
    String h9 = "clear_flush_young[riscv] RiscvAgeHandler H9 coverage";
    String factory =
        "clear_flush_young[riscv] RiscvAgeHandler H1 H2 H5 H8 explored with other actors";
    String scenario =
        "clear_flush_young[riscv] RiscvAgeHandler explored: aging-vs-zap (H1 H2 H5 H8), up to 2"
            + " preemptions";

    assertThat(SuiteTests.judges(h9, "H9")).isTrue();
    assertThat(SuiteTests.judges(h9, "H1")).isFalse();
    assertThat(SuiteTests.judges(h9, SuiteTests.EXPLORED)).isFalse();
    // The explored ones name the obligations they check, but judge only "explored".
    assertThat(SuiteTests.judges(factory, SuiteTests.EXPLORED)).isTrue();
    assertThat(SuiteTests.judges(factory, "H2")).isFalse();
    assertThat(SuiteTests.judges(scenario, SuiteTests.EXPLORED)).isTrue();
    assertThat(SuiteTests.judges(scenario, "H2")).isFalse();
  }

  private static final String SUITE =
      "package t;\n"
          + "import org.junit.jupiter.api.*;\n"
          + "public class JudgedSuite {\n"
          + "  @Test @DisplayName(\"s drift lock: the spec still has the hash\")\n"
          + "  void specUnchangedSinceGeneration() {}\n"
          + "  @Test @DisplayName(\"s H9 coverage\")\n"
          + "  void h9Coverage() {}\n"
          + "  @Test @DisplayName(\"s H10 confinement\")\n"
          + "  void h10Confinement() { throw new AssertionError(\"H10 broken\"); }\n"
          + "  @TestFactory @DisplayName(\"s H1 H10 explored with other actors\")\n"
          + "  java.util.stream.Stream<DynamicTest> exploredConcurrently() {\n"
          + "    return java.util.stream.Stream.of(\"a\", \"b\").map(n -> DynamicTest.dynamicTest(\n"
          + "        \"s explored: \" + n + \" (H1 H10), up to 2 preemptions\", () -> {}));\n"
          + "  }\n"
          + "}\n";

  @Test
  void a_job_runs_the_tests_of_its_obligations_and_the_drift_lock_here_and_on_a_worker(
      @TempDir Path dir) throws Exception {
    SourceCompiler.Result compiled =
        SourceCompiler.compile(List.of(new GeneratedFile("t/JudgedSuite.java", SUITE)), dir);
    assertThat(compiled.problems()).isEmpty();

    assertThat(
            names(compiled.classes(), SuiteLauncher.Job.only("t.JudgedSuite", "c", Set.of("H10"))))
        .containsExactlyInAnyOrder(
            "s drift lock: the spec still has the hash", "s H10 confinement");
    assertThat(
            names(
                compiled.classes(),
                SuiteLauncher.Job.only("t.JudgedSuite", "c", Set.of(SuiteTests.EXPLORED, "H9"))))
        .containsExactlyInAnyOrder(
            "s drift lock: the spec still has the hash",
            "s H9 coverage",
            "s explored: a (H1 H10), up to 2 preemptions",
            "s explored: b (H1 H10), up to 2 preemptions");
    assertThat(names(compiled.classes(), SuiteLauncher.Job.all("t.JudgedSuite", "c"))).hasSize(5);
  }

  /** The display names of the tests the job ran, in this JVM; an isolated worker runs the same. */
  private static List<String> names(Path classes, SuiteLauncher.Job job) throws Exception {
    List<SuiteLauncher.TestOutcome> here =
        SuiteLauncher.run(classes, List.of(job), Progress.SILENT, 1).outcomes();
    List<SuiteLauncher.TestOutcome> there =
        SuiteWorkers.run(classes, List.of(job), Progress.SILENT, 1, false).outcomes();
    List<String> names =
        here.stream().map(SuiteLauncher.TestOutcome::displayName).sorted().toList();
    assertThat(there.stream().map(SuiteLauncher.TestOutcome::displayName).sorted())
        .containsExactlyElementsOf(names);
    return names;
  }

  @Test
  void every_test_the_matrix_runs_judges_one_of_its_judgements_or_guards_a_suites_spec(
      @TempDir Path cache) throws Exception {
    // One handler set on two specs that give its handlers the same context: most one-call
    // judgements are the same in both, the explorations are not (the walkers differ).
    List<Matrix.NamedSpec> specs =
        BundledRun.specs(List.of(Path.of("kvm.walk"), Path.of("hypo-flush-after-unlock.walk")));
    List<HandlerSet> sets = List.of(HandlerSets.named("TdpUnmapReturnsFalse").orElseThrow());

    MatrixResult cold = run(specs, sets, cache);
    MatrixResult warm = run(specs, sets, cache);

    // Every judgement came from the cache the second time, with the tests it took when it ran.
    assertThat(warm.cache().reused()).isEqualTo(warm.cache().judgements()).isPositive();
    assertThat(cold.tests()).isEqualTo(warm.cache().reusedTests() + cold.suites());
    cold.cells()
        .forEach(
            (key, cell) -> assertThat(warm.cells().get(key).failures()).isEqualTo(cell.failures()));
  }

  private static MatrixResult run(List<Matrix.NamedSpec> specs, List<HandlerSet> sets, Path cache)
      throws Exception {
    return Matrix.run(
        specs,
        sets,
        Progress.SILENT,
        Matrix.Options.inThisJvm(10).withCache(ResultCache.at(cache)));
  }
}
