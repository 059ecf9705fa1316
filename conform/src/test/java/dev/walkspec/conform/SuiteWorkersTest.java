package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.SourceCompiler;
import dev.walkspec.runtime.explore.StepRow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suites run on isolated workers decide exactly what they decide in this JVM's own session (issue
 * 19).
 */
class SuiteWorkersTest {
  @Test
  void two_workers_give_the_cells_schedules_and_advisories_of_one() throws Exception {
    List<Matrix.NamedSpec> specs = BundledRun.specs(List.of(Path.of("kvm.walk")));
    // H11 fails in a one-call property, H12 in an exploration; the other set takes the MMU lock
    // for read in the lockless walk (an advisory the workers must report back).
    List<HandlerSet> sets =
        List.of(
            HandlerSets.named("TdpUnmapReturnsFalse").orElseThrow(),
            HandlerSets.named("TdpAgeTakesMmuLock").orElseThrow());

    MatrixResult inOne = run(specs, sets, 1);
    MatrixResult onTwo = run(specs, sets, 2);

    assertThat(inOne.cell("TdpUnmapReturnsFalse", "kvm").orElseThrow().failed())
        .containsExactly("H11", "H12");
    // The explored H12 counterexample's step rows come from the explorer's model, in this JVM's
    // session and (compared below) from an isolated worker alike; the one-call H11 failure has
    // none.
    MatrixCell unmap = inOne.cell("TdpUnmapReturnsFalse", "kvm").orElseThrow();
    assertThat(unmap.failures().get("H12").steps())
        .isNotEmpty()
        .filteredOn(StepRow::breaking)
        .singleElement()
        .satisfies(r -> assertThat(r.broke()).isEqualTo("H12"));
    assertThat(unmap.failures().get("H11").steps()).isEmpty();
    assertThat(inOne.readLockers()).contains("dev.walkspec.arch.bad.TdpAgeTakesMmuLock");
    assertThat(withoutTimes(onTwo)).isEqualTo(withoutTimes(inOne));
    assertThat(inOne.cells().values()).allSatisfy(c -> assertThat(c.time().ran()).isPositive());
    assertThat(onTwo.readLockers()).isEqualTo(inOne.readLockers());
    assertThat(onTwo.tests()).isEqualTo(inOne.tests());
    assertThat(onTwo.schedules()).isEqualTo(inOne.schedules()).isPositive();
  }

  private static final String FIRST =
      "package t;\n"
          + "public class FirstSuite {\n"
          + "  @org.junit.jupiter.api.Test\n"
          + "  void passes(org.junit.jupiter.api.TestReporter reporter) {\n"
          + "    reporter.publishEntry(\"walkspec.schedules\", \"7\");\n"
          + "  }\n"
          + "  @org.junit.jupiter.api.Test\n"
          + "  void fails() { throw new AssertionError(\"plain failure\\nsecond line\"); }\n"
          + "  @org.junit.jupiter.api.Test\n"
          + "  void breaks_h11() {\n"
          + "    throw new dev.walkspec.suite.ConformanceFailure(\n"
          + "        \"H11\", \"subject\", \"scenario\", \"details\", \"walkspec replay x\");\n"
          + "  }\n"
          + "}\n";
  private static final String SECOND =
      "package t;\n"
          + "public class SecondSuite {\n"
          + "  @org.junit.jupiter.api.Test\n"
          + "  void passes(org.junit.jupiter.api.TestReporter reporter) throws Exception {\n"
          + "    reporter.publishEntry(\"walkspec.schedules\", \"5\");\n"
          + "    Thread.sleep(200);\n"
          + "  }\n"
          + "}\n";
  // Fails with the names of the loaders of a runtime class, a handler, jqwik and the harness.
  private static final String LOADERS =
      "package t;\n"
          + "public class LoadersSuite {\n"
          + "  @org.junit.jupiter.api.Test\n"
          + "  void names_loaders() {\n"
          + "    throw new AssertionError(java.util.stream.Stream.of(\n"
          + "            dev.walkspec.runtime.api.WalkResult.class,\n"
          + "            dev.walkspec.arch.x86.tdp.TdpAgeHandler.class,\n"
          + "            net.jqwik.api.Arbitraries.class,\n"
          + "            dev.walkspec.suite.HandlerSuite.class)\n"
          + "        .map(c -> c.getClassLoader().getName())\n"
          + "        .collect(java.util.stream.Collectors.joining(\" \")));\n"
          + "  }\n"
          + "}\n";

  private static Path compile(Path dir) throws Exception {
    SourceCompiler.Result compiled =
        SourceCompiler.compile(
            List.of(
                new GeneratedFile("t/FirstSuite.java", FIRST),
                new GeneratedFile("t/SecondSuite.java", SECOND),
                new GeneratedFile("t/LoadersSuite.java", LOADERS)),
            dir);
    assertThat(compiled.problems()).isEmpty();
    return compiled.classes();
  }

  @Test
  void isolated_workers_report_every_outcome_failure_message_obligation_and_schedule(
      @TempDir Path dir) throws Exception {
    Path classes = compile(dir);
    List<SuiteLauncher.Job> suites =
        List.of(
            SuiteLauncher.Job.all("t.FirstSuite", "first"),
            SuiteLauncher.Job.all("t.SecondSuite", "second"));

    SuiteLauncher.Run here = SuiteLauncher.run(classes, suites, Progress.SILENT, 1);
    SuiteLauncher.Run there = SuiteWorkers.run(classes, suites, Progress.SILENT, 2, false);

    assertThat(here.outcomes()).hasSize(4);
    assertThat(here.outcomes())
        .anySatisfy(
            o -> {
              assertThat(o.method()).isEqualTo("fails");
              assertThat(o.failure().orElseThrow().message())
                  .isEqualTo("plain failure\nsecond line");
              assertThat(o.failure().orElseThrow().obligation()).isEmpty();
            })
        .anySatisfy(
            o -> {
              assertThat(o.method()).isEqualTo("breaks_h11");
              assertThat(o.failure().orElseThrow().obligation()).contains("H11");
            });
    assertThat(here.schedules()).isEqualTo(12);
    // Each test's wall-clock time comes back from the isolated worker too (issue 18 item 3): the
    // sleeping one took its 200 ms at least; times differ from run to run, all else is the same.
    for (SuiteLauncher.Run run : List.of(here, there)) {
      assertThat(run.outcomes())
          .filteredOn(o -> o.className().equals("t.SecondSuite"))
          .singleElement()
          .satisfies(o -> assertThat(o.millis()).isBetween(200L, 60_000L));
    }
    assertThat(withoutTimes(there)).isEqualTo(withoutTimes(here));
  }

  private static SuiteLauncher.Run withoutTimes(SuiteLauncher.Run run) {
    return new SuiteLauncher.Run(
        run.outcomes().stream()
            .map(
                o ->
                    new SuiteLauncher.TestOutcome(
                        o.className(), o.method(), o.displayName(), o.failure(), 0))
            .toList(),
        run.schedules(),
        run.readLockers());
  }

  /** The cells without their times, which differ from run to run. */
  private static Map<String, MatrixCell> withoutTimes(MatrixResult result) {
    Map<String, MatrixCell> cells = new LinkedHashMap<>();
    result
        .cells()
        .forEach(
            (key, c) ->
                cells.put(
                    key,
                    new MatrixCell(
                        c.set(),
                        c.spec(),
                        c.failed(),
                        c.failures(),
                        c.checked(),
                        new MatrixCell.Time(
                            0, 0, c.time().ran(), c.time().shared(), c.time().cached(), 0))));
    return cells;
  }

  @Test
  void an_isolated_worker_shares_the_runtime_and_the_handlers_and_has_its_own_jqwik_and_harness(
      @TempDir Path dir) throws Exception {
    Path classes = compile(dir);
    List<SuiteLauncher.Job> suite = List.of(SuiteLauncher.Job.all("t.LoadersSuite", "loaders"));

    SuiteLauncher.Run here = SuiteLauncher.run(classes, suite, Progress.SILENT, 1);
    SuiteLauncher.Run there = SuiteWorkers.run(classes, suite, Progress.SILENT, 1, false);

    assertThat(here.outcomes().get(0).failure().orElseThrow().message())
        .isEqualTo("app app app app");
    assertThat(there.outcomes().get(0).failure().orElseThrow().message())
        .isEqualTo("app app walkspec-worker-0 walkspec-worker-0");
  }

  @Test
  void a_worker_that_stops_fails_the_run_and_names_the_class_it_was_running(@TempDir Path dir)
      throws Exception {
    Path classes = compile(dir);

    assertThatThrownBy(
            () ->
                SuiteWorkers.run(
                    classes,
                    List.of(SuiteLauncher.Job.all("t.MissingSuite", "missing")),
                    Progress.SILENT,
                    1,
                    false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "a suite worker stopped while running t.MissingSuite:"
                + " java.lang.ClassNotFoundException: t.MissingSuite");
  }

  private static MatrixResult run(List<Matrix.NamedSpec> specs, List<HandlerSet> sets, int threads)
      throws Exception {
    return Matrix.run(
        specs, sets, Progress.SILENT, Matrix.Options.inThisJvm(10).withThreads(threads));
  }
}
