package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code walkspec conform} on the command line: usage errors, JSON output, the files it writes. */
class ConformCommandTest {
  record Run(int code, String out, String err) {}

  static Run conform(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "conform";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    return new Run(code, out.toString(), err.toString());
  }

  static java.util.List<String> keys(JsonNode node) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void an_unknown_handler_set_is_a_usage_error_naming_the_ones_there_are(@TempDir Path dir) {
    Run run = conform("--handlers", "x86,ppc64", "-o", dir.toString());

    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "walkspec: no handler set named 'ppc64' (there are: x86, x86-tdx, arm64,"
                + " riscv, loongarch, s390, LoongarchRcuAging, X86AlignedStride,"
                + " RiscvRereadsRoot, RiscvUnmapBeforeUafFix, RiscvUnmapTakesMmuLock,"
                + " TdpAgePlainStore,")
        .doesNotContain("--debug")
        .doesNotContain("at dev.walkspec");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void a_mistyped_handler_set_gets_the_closest_one(@TempDir Path dir) {
    Run run = conform("--handlers", "x68", "-o", dir.toString());

    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err())
        .startsWith(
            "walkspec: no handler set named 'x68'; did you mean 'x86'? (there are: x86, x86-tdx,"
                + " arm64,");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void no_mutants_skips_the_spec_mutants_and_leaves_no_temporary_directory(@TempDir Path dir)
      throws Exception {
    Path kvm = BundledRun.specs(java.util.List.of()).get(0).file();
    Run run =
        conform(
            "--no-mutants",
            "--no-cache",
            "--format",
            "json",
            "--handlers",
            "TdpTestAgeClears",
            "-o",
            dir.toString(),
            kvm.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("spec_mutants").isNull()).isTrue();
    assertThat(run.err()).doesNotContain("spec mutants");
    assertThat(TempDirs.live()).isEmpty();
  }

  @Test
  void a_spec_with_errors_is_one_sentence(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.walk");
    Files.writeString(bad, "walker {\n");
    Run run = conform("--handlers", "x86", "-o", dir.resolve("report").toString(), bad.toString());

    assertThat(run.code()).isEqualTo(Main.FINDINGS);
    assertThat(run.err().lines().findFirst().orElseThrow())
        .matches(
            "walkspec: "
                + java.util.regex.Pattern.quote(bad.toString())
                + ":1:\\d+: error: WS\\d+ .*; walkspec check "
                + java.util.regex.Pattern.quote(bad.toString())
                + " shows them");
    assertThat(run.err()).doesNotContain("at dev.walkspec");
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test
  void json_gives_every_cell_with_its_status_and_failures(@TempDir Path dir) throws Exception {
    Path kvm = BundledRun.specs(java.util.List.of()).get(0).file();
    Run run =
        conform(
            "--format",
            "json",
            "--handlers",
            "X86AlignedStride,TdpTestAgeClears,TdpUnmapReturnsFalse",
            "-o",
            dir.toString(),
            kvm.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("specs").toString()).isEqualTo("[\"kvm\"]");
    assertThat(json.get("handlers").toString())
        .isEqualTo("[\"X86AlignedStride\",\"TdpTestAgeClears\",\"TdpUnmapReturnsFalse\"]");
    assertThat(json.get("as_expected").asBoolean()).isTrue();
    JsonNode cells = json.get("cells");
    assertThat(cells).hasSize(3);
    assertThat(cells.get(0).get("status").asText()).isEqualTo("pass");
    assertThat(cells.get(0).get("failed")).isEmpty();
    JsonNode bad = cells.get(1);
    assertThat(bad.get("handler").asText()).isEqualTo("TdpTestAgeClears");
    assertThat(bad.get("status").asText()).isEqualTo("expected");
    assertThat(bad.get("failed").toString()).isEqualTo(bad.get("expected").toString());
    assertThat(bad.get("failures").get(0).get("report").asText()).startsWith("walkspec");
    // The schema, snake_case throughout (issue 18 item 4): the keys written out by hand.
    assertThat(keys(json))
        .containsExactlyInAnyOrder(
            "version",
            "run",
            "findings",
            "self_test",
            "specs",
            "handlers",
            "cells",
            "as_expected",
            "differences",
            "suites",
            "tests",
            "schedules",
            "millis",
            "report",
            "spec_mutants");
    assertThat(keys(bad))
        .containsExactlyInAnyOrder(
            "handler", "spec", "status", "failed", "expected", "checked", "failures", "duration");
    assertThat(keys(bad.get("failures").get(0)))
        .containsExactlyInAnyOrder(
            "obligation", "binding", "test_name", "report", "reproduce", "steps");
    assertThat(bad.get("failures").get(0).get("steps")).as("a one-call failure").isEmpty();
    // An explored counterexample's steps are data (issue 18 item 4), the rows of its text table.
    JsonNode explored = cells.get(2).get("failures").get(1);
    assertThat(explored.get("obligation").asText()).isEqualTo("H12");
    JsonNode steps = explored.get("steps");
    assertThat(steps).isNotEmpty();
    JsonNode first = steps.get(0);
    assertThat(keys(first))
        .containsExactly(
            "step",
            "last_step",
            "count",
            "kind",
            "actor",
            "actor_name",
            "preemption",
            "breaking",
            "broke",
            "text",
            "call",
            "operation",
            "resumed",
            "target",
            "entry",
            "before",
            "after",
            "blocked_on",
            "notes");
    JsonNode last = steps.get(steps.size() - 1);
    assertThat(last.get("breaking").asBoolean()).isTrue();
    assertThat(last.get("broke").asText()).isEqualTo("H12");
    assertThat(explored.get("report").asText())
        .as("the text table is kept, and shows the same breaking step")
        .contains(last.get("text").asText() + "  <-- H12");
    for (JsonNode step : steps) {
      assertThat(explored.get("report").asText()).contains(step.get("text").asText());
    }
    assertThat(keys(json.get("run")))
        .containsExactlyInAnyOrder("date", "jdk", "cores", "seed", "tries", "budget", "command");
    JsonNode port = json.get("findings").get(0);
    assertThat(keys(port))
        .containsExactlyInAnyOrder("set", "kind", "description", "verdict", "broken");
    assertThat(port.get("set").asText()).isEqualTo("X86AlignedStride");
    assertThat(port.get("kind").asText()).isEqualTo("what-if");
    assertThat(keys(json.get("self_test")))
        .containsExactlyInAnyOrder("planted", "as_listed", "not_as_listed");
    assertThat(json.get("self_test").get("planted").asInt()).isEqualTo(2);
    JsonNode mutants = json.get("spec_mutants");
    assertThat(keys(mutants))
        .containsExactlyInAnyOrder(
            "spec", "total", "by_checker", "by_suites", "survived", "not_run", "mutants");
    assertThat(keys(mutants.get("mutants").get(0)))
        .containsExactlyInAnyOrder("name", "rule", "verdict", "detail");
    assertThat(dir.resolve("report.html")).exists();
    assertThat(dir.resolve("junit.xml")).exists();
    assertThat(dir.resolve("summary.md")).exists();
  }

  /**
   * Issue 19: an exploration its budget stops before the end of its search is not a pass. With one
   * schedule per scenario allowed, every explored judgement of x86's handlers (the what-if set,
   * which has no finding of its own: the kernel's x86 has H9) is cut short: the cell is
   * "inconclusive" (not "pass", not a finding), the run is not as expected, and junit.xml counts
   * the cell as an error of the run rather than a failure of the handler.
   */
  @Test
  void a_budget_cut_exploration_is_inconclusive_never_a_pass(@TempDir Path dir) throws Exception {
    Path kvm = BundledRun.specs(java.util.List.of()).get(0).file();
    String key = dev.walkspec.suite.ExplorationBudget.SCHEDULES_PROPERTY;
    System.setProperty(key, "1");
    Run run;
    try {
      run =
          conform(
              "--format",
              "json",
              "--handlers",
              "X86AlignedStride",
              "-o",
              dir.toString(),
              kvm.toString());
    } finally {
      System.clearProperty(key);
    }

    assertThat(run.code()).as(run.err()).isEqualTo(Main.FINDINGS);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("as_expected").asBoolean()).isFalse();
    JsonNode cell = json.get("cells").get(0);
    assertThat(cell.get("status").asText()).isEqualTo("inconclusive");
    assertThat(cell.get("failed").toString()).isEqualTo("[\"inconclusive\"]");
    assertThat(cell.get("failures").get(0).get("report").asText())
        .startsWith("walkspec: inconclusive: scenario '")
        .contains("stopped on its schedule budget after 1 schedules")
        .contains(
            "; not a pass. Raise the budget (now 60 s or 1 schedules) with"
                + " -Dwalkspec.explore.schedules");
    String junit = Files.readString(dir.resolve("junit.xml"));
    assertThat(junit)
        .contains("failures=\"0\" errors=\"1\"")
        .contains("<error type=\"inconclusive\"");
  }

  /**
   * Issue 19: a second run with nothing changed reuses every judgement from the cache, runs no
   * suite, says so, and gives the same verdicts.
   */
  @Test
  void a_rerun_with_nothing_changed_reuses_every_judgement(@TempDir Path dir) throws Exception {
    Path kvm = BundledRun.specs(java.util.List.of()).get(0).file();
    String cache = dir.resolve("cache").toString();
    // Two small sets (the matrix's cost is in its explorations; these have few).
    String[] args = {
      "--handlers", "TdpTestAgeClears,ShadowTestAgeLeaksRmapLock", "--cache", cache, "-o"
    };

    Run cold = conform(concat(args, dir.resolve("cold").toString(), kvm.toString()));
    Run warm = conform(concat(args, dir.resolve("warm").toString(), kvm.toString()));

    assertThat(cold.code()).as(cold.err()).isZero();
    assertThat(warm.code()).as(warm.err()).isZero();
    assertThat(cold.out())
        .containsPattern("cache \\S+: reused 0 of (\\d+) judgements \\(0 tests\\); every cell ran");
    // Where the time went (issue 19); nothing ran in the warm run, so it has no running phase.
    String seconds = " \\d+\\.\\d s";
    assertThat(cold.out())
        .containsPattern(
            "\\ntime: planning"
                + seconds
                + ", hashing"
                + seconds
                + ", generating"
                + seconds
                + ", compiling"
                + seconds
                + ", running"
                + seconds
                + " (in this JVM|on up to \\d+ workers), spec mutants"
                + seconds
                + ", reachability"
                + seconds
                + "\\n");
    assertThat(warm.out())
        .containsPattern(
            "\\ntime: planning"
                + seconds
                + ", hashing"
                + seconds
                + ", spec mutants"
                + seconds
                + ", reachability"
                + seconds
                + "\\n");
    // The cells that took longest (issue 18 item 3); the warm run ran none.
    assertThat(cold.out())
        .containsPattern(
            "\\nslowest cells: \\S+ on kvm"
                + seconds
                + "(, \\S+ on kvm"
                + seconds
                + ")? \\(a judgement shared by several cells counts in each\\)\\n");
    assertThat(warm.out()).doesNotContain("slowest cells");
    assertThat(warm.out())
        .containsPattern("\\n0 generated suites, 0 tests, 0 schedules explored")
        .containsPattern(
            "cache \\S+: reused (\\d+) of \\1 judgements \\([1-9][0-9,]* tests\\); no cell ran again");
    // The same table of verdicts (everything before the summary lines).
    assertThat(table(warm.out())).isEqualTo(table(cold.out()));
    assertThat(withoutTimes(Files.readString(dir.resolve("warm/junit.xml"))))
        .isEqualTo(withoutTimes(Files.readString(dir.resolve("cold/junit.xml"))));

    // A set whose handler classes were never judged runs alone; the others are reused.
    Run more =
        conform(
            "--handlers",
            "TdpTestAgeClears,ShadowTestAgeLeaksRmapLock,TdpUnmapReturnsFalse",
            "--cache",
            cache,
            "-o",
            dir.resolve("more").toString(),
            kvm.toString());
    assertThat(more.code()).as(more.err()).isZero();
    assertThat(more.out())
        .containsPattern(
            "cache \\S+: reused [1-9]\\d* of \\d+ judgements \\(.*\\); ran again:"
                + " TdpUnmapReturnsFalse on kvm\n");
  }

  /**
   * Issue 18 item 3: each cell's time. Under two specs that share a judgement (the same handler,
   * profile, context and obligation: run once), both cells count it and say it is shared; a rerun
   * from the cache runs nothing, so every cell says "cached" and names what its judgements took
   * when they ran.
   */
  @Test
  void each_cell_has_its_time_shared_judgements_marked_and_cached_cells_say_cached(
      @TempDir Path dir) throws Exception {
    java.util.List<Matrix.NamedSpec> specs = BundledRun.specs(java.util.List.of());
    String kvm = spec(specs, "kvm");
    String v7 = spec(specs, "v7-int-results");
    String cache = dir.resolve("cache").toString();
    String[] args = {
      "--no-mutants", "--format", "json", "--handlers", "TdpTestAgeClears", "--cache", cache, "-o"
    };

    Run cold = conform(concat(args, dir.resolve("cold").toString(), kvm, v7));
    Run warm = conform(concat(args, dir.resolve("warm").toString(), kvm, v7));

    assertThat(cold.code()).as(cold.err()).isZero();
    assertThat(warm.code()).as(warm.err()).isZero();
    JsonNode coldCells = new ObjectMapper().readTree(cold.out()).get("cells");
    JsonNode warmCells = new ObjectMapper().readTree(warm.out()).get("cells");
    assertThat(keys(coldCells.get(0).get("duration")))
        .containsExactly(
            "shown",
            "millis",
            "shared_millis",
            "judgements_run",
            "judgements_shared",
            "judgements_cached",
            "cached_millis");
    for (int c = 0; c < 2; c++) {
      JsonNode ran = coldCells.get(c).get("duration");
      assertThat(ran.get("judgements_run").asInt()).as("cell %d", c).isPositive();
      assertThat(ran.get("judgements_cached").asInt()).isZero();
      assertThat(ran.get("millis").asLong()).isPositive();
      assertThat(ran.get("shown").asText())
          .isEqualTo(
              String.format(java.util.Locale.ROOT, "%.1f s", ran.get("millis").asLong() / 1000.0));
      // The judgements both specs need ran once, for kvm's column, and count in both cells.
      assertThat(ran.get("judgements_shared").asInt()).as("cell %d", c).isPositive();
      assertThat(ran.get("shared_millis").asLong()).isBetween(1L, ran.get("millis").asLong());

      JsonNode reused = warmCells.get(c).get("duration");
      assertThat(reused.get("shown").asText()).isEqualTo("cached");
      assertThat(reused.get("judgements_run").asInt()).isZero();
      assertThat(reused.get("millis").asLong()).isZero();
      assertThat(reused.get("judgements_cached").asInt())
          .isEqualTo(ran.get("judgements_run").asInt());
      assertThat(reused.get("cached_millis").asLong()).isEqualTo(ran.get("millis").asLong());
    }
    // The shared judgements took the same time in both cells.
    assertThat(coldCells.get(1).get("duration").get("shared_millis").asLong())
        .isEqualTo(coldCells.get(0).get("duration").get("shared_millis").asLong());
    String html = Files.readString(dir.resolve("cold/report.html"));
    assertThat(html)
        .containsPattern(
            "id=\"cell-TdpTestAgeClears-kvm\" title=\"[^\"]*; ran \\d+ judgements? in \\d+\\.\\d s"
                + " \\(\\d+\\.\\d s of it in \\d+ judgements? shared with other cells, counted in"
                + " each\\)\"")
        .contains("<h3 id=\"slowest\">Slowest cells</h3>");
    assertThat(Files.readString(dir.resolve("warm/report.html")))
        .containsPattern(
            "title=\"[^\"]*; cached: all \\d+ judgements? from the result cache \\(they took"
                + " \\d+\\.\\d s when they ran\\)\" data-time=\"cached\"")
        .doesNotContain("id=\"slowest\"");
  }

  private static String spec(java.util.List<Matrix.NamedSpec> specs, String name) {
    return specs.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow()
        .file()
        .toString();
  }

  private static String withoutTimes(String junit) {
    return junit.replaceAll(" time=\"[^\"]*\"", "");
  }

  private static String table(String out) {
    return out.substring(0, out.lastIndexOf('\n', out.indexOf(" generated suites,")) + 1);
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
