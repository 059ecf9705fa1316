package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.SourceCompiler;
import dev.walkspec.runtime.explore.StepRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suites run on worker JVMs decide exactly what they decide in one JVM (issue 19). */
class SuiteWorkersTest {
  @Test
  void two_worker_jvms_give_the_cells_schedules_and_advisories_of_one_jvm() throws Exception {
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
    // The explored H12 counterexample's step rows come from the explorer's model, in this JVM
    // and (compared below) from a worker JVM alike; the one-call H11 failure has none.
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
  private static final String EXITS =
      "package t;\n"
          + "public class ExitsSuite {\n"
          + "  @org.junit.jupiter.api.Test\n"
          + "  void exits() { System.exit(3); }\n"
          + "}\n";

  private static Path compile(Path dir) throws Exception {
    SourceCompiler.Result compiled =
        SourceCompiler.compile(
            List.of(
                new GeneratedFile("t/FirstSuite.java", FIRST),
                new GeneratedFile("t/SecondSuite.java", SECOND),
                new GeneratedFile("t/ExitsSuite.java", EXITS)),
            dir);
    assertThat(compiled.problems()).isEmpty();
    return compiled.classes();
  }

  @Test
  void worker_jvms_report_every_outcome_failure_message_obligation_and_schedule(@TempDir Path dir)
      throws Exception {
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
    // Each test's wall-clock time comes back from the worker JVM too (issue 18 item 3): the
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
  void a_worker_that_dies_fails_the_run_and_names_the_class_it_was_running(@TempDir Path dir)
      throws Exception {
    Path classes = compile(dir);

    assertThatThrownBy(
            () ->
                SuiteWorkers.run(
                    classes,
                    List.of(SuiteLauncher.Job.all("t.ExitsSuite", "exits")),
                    Progress.SILENT,
                    1,
                    false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "a suite worker exited with code 3 while running t.ExitsSuite (its stderr is above)");
  }

  @Test
  void worker_jvms_get_the_jvm_options_of_the_launchers_jvm() throws Exception {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path launcher = dir.toAbsolutePath().getParent().resolve("walkspec");
    Matcher exec =
        Pattern.compile("(?m)^exec \"\\$JAVA\" (.*)-cp \"\\$CP\"")
            .matcher(Files.readString(launcher));

    assertThat(exec.find()).as("the exec line of %s", launcher).isTrue();
    assertThat(List.of(exec.group(1).trim().split(" ")))
        .containsExactlyElementsOf(SuiteWorkers.JVM_OPTIONS);
  }

  private static MatrixResult run(List<Matrix.NamedSpec> specs, List<HandlerSet> sets, int threads)
      throws Exception {
    return Matrix.run(
        specs, sets, Progress.SILENT, Matrix.Options.inThisJvm(10).withThreads(threads));
  }
}
