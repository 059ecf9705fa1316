package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.cli.ExploredSuites;
import dev.walkspec.cli.Main;
import dev.walkspec.conform.report.SequenceDiagram;
import dev.walkspec.conform.report.StepTable;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.SourceCompiler;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.Pipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every explored counterexample prints one command that reproduces it ({@code walkspec replay
 * --spec ... --handlers ... 'SCENARIO@SCHEDULE'}), and that command, run as printed, breaks the
 * same obligation in the same number of steps; the regression test it prints compiles next to the
 * generated suite and fails the same way.
 */
class ReproduceTest {
  record Run(int code, String out, String err) {}

  static Run walkspec(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The words of a command as a POSIX shell splits it (single quotes; a '#' starts a comment). */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        word = word == null ? new StringBuilder() : word;
        word.append(command, i + 1, end);
        i = end;
      } else if (c == ' ') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** Runs a printed {@code walkspec ...} command. */
  static Run run(String command) {
    List<String> words = words(command);
    assertThat(words.get(0)).isEqualTo("walkspec");
    return walkspec(words.subList(1, words.size()).toArray(String[]::new));
  }

  private static final Pattern HEADLINE =
      Pattern.compile("(?m)^walkspec explorer: scenario '([^']+)' breaks (H\\d+|\\w+)");
  private static final Pattern STEPS = Pattern.compile("(?m)^  schedule: +(\\d+) steps?");
  private static final Pattern REPRODUCE = Pattern.compile("(?m)^reproduce: (walkspec .*)$");

  /** "H3 in 12 steps", from an explorer report. */
  static String outcome(String report) {
    Matcher headline = HEADLINE.matcher(report);
    Matcher steps = STEPS.matcher(report);
    assertThat(headline.find()).as("an explorer report:\n%s", report).isTrue();
    assertThat(steps.find()).as("a schedule line:\n%s", report).isTrue();
    return headline.group(1) + " breaks " + headline.group(2) + " in " + steps.group(1) + " steps";
  }

  static Optional<String> reproduceLine(String report) {
    Matcher m = REPRODUCE.matcher(report);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  @Test
  void an_explored_failure_prints_a_replay_command_that_reproduces_it() throws Exception {
    Run explored =
        walkspec(
            "explore",
            "--spec",
            "kvm.walk",
            "--handlers",
            "TdpUnmapWalksFreedRoot",
            "unmap-vs-root-free");
    assertThat(explored.code()).as(explored.err()).isEqualTo(Main.FINDINGS);
    String command = reproduceLine(explored.out()).orElseThrow();
    assertThat(command)
        .matches(
            "walkspec replay --spec kvm.walk --handlers TdpUnmapWalksFreedRoot"
                + " --binding 'invalidate_range_start\\[x86\\]' 'unmap-vs-root-free@[-0-9*.]+'");

    // The step table of the 4,292-step use-after-free, folded to 40 rows, both actors drawn.
    StepTable table = StepTable.in(explored.out()).orElseThrow();
    assertThat(table.actors()).containsExactly("notifier", "teardown");
    assertThat(table.rows()).hasSizeLessThanOrEqualTo(40);
    assertThat(table.rows().get(table.rows().size() - 1).broke()).contains("H3");
    SequenceDiagram diagram = SequenceDiagram.of(table);
    assertThat(diagram.arrows())
        .extracting(SequenceDiagram.Arrow::x1)
        .contains(diagram.lanes().get(0).x(), diagram.lanes().get(1).x());

    Run replayed = run(command);

    assertThat(replayed.code()).as(replayed.err()).isEqualTo(Main.FINDINGS);
    assertThat(outcome(replayed.out())).isEqualTo(outcome(explored.out())).contains("breaks H3");
    assertThat(reproduceLine(replayed.out())).contains(command);

    List<String> json = new ArrayList<>(words(command));
    json.add(2, "--format");
    json.add(3, "json");
    Run asJson = walkspec(json.subList(1, json.size()).toArray(String[]::new));
    JsonNode tree = new ObjectMapper().readTree(asJson.out());
    assertThat(tree.path("counterexample").path("reproduce").asText()).isEqualTo(command);
    assertThat(tree.path("counterexample").path("steps").asInt())
        .isEqualTo(
            Integer.parseInt(outcome(explored.out()).replaceAll(".* in (\\d+) steps", "$1")));
  }

  @Test
  void a_suite_scenario_without_a_suite_says_how_to_name_one() {
    Run run = walkspec("replay", "aging-vs-zap@0*18.2*8.0");

    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err())
        .startsWith(
            "walkspec: 'aging-vs-zap' is a scenario of the generated handler suites, not of the"
                + " catalogue: name the suite with --spec SPEC and --handlers SET");
  }

  @Test
  void the_printed_regression_test_compiles_next_to_the_suite_and_fails_the_same_way(
      @TempDir Path dir) throws Exception {
    CheckedSpec spec = Pipeline.standard().check(BundledSpecs.file("kvm.walk")).checked();
    Binding unmap = ExploredSuites.binding(spec, "invalidate_range_start[x86]").orElseThrow();
    HandlerSet set = HandlerSets.named("TdpUnmapWalksFreedRoot").orElseThrow();
    List<GeneratedFile> sources =
        new ArrayList<>(
            ExploredSuites.sources(
                spec,
                BundledSpecs.file("kvm.walk").toAbsolutePath().toString(),
                unmap,
                "unmap",
                new ExploredSuites.Handlers(set.handlers(), set.writer(), set.profiles()),
                "dev.walkspec.reproduce",
                1,
                "",
                Optional.empty()));
    Run explored =
        walkspec(
            "explore",
            "--spec",
            "kvm.walk",
            "--handlers",
            "TdpUnmapWalksFreedRoot",
            "unmap-vs-root-free");
    String report = explored.out();
    String test =
        report.substring(
            report.indexOf("regression test (JUnit 5):\n") + 27,
            report.indexOf("\nwalkspec: the handler under test"));
    String suite = sources.get(0).relativePath();
    String pkg = suite.substring(0, suite.lastIndexOf('/')).replace('/', '.');
    String regression =
        "package "
            + pkg
            + ";\n\n"
            + "import dev.walkspec.runtime.explore.Explorer;\n"
            + "import dev.walkspec.runtime.explore.Invariants;\n"
            + "import dev.walkspec.runtime.explore.Strategy;\n"
            + "import org.junit.jupiter.api.Test;\n\n"
            + "public class RegressionTest {\n"
            + test
            + "}\n";
    sources.add(new GeneratedFile(pkg.replace('.', '/') + "/RegressionTest.java", regression));

    SourceCompiler.Result compiled = SourceCompiler.compile(sources, dir);

    assertThat(compiled.problems()).as(regression).isEmpty();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {compiled.classes().toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> type = loader.loadClass(pkg + ".RegressionTest");
      Method method =
          Arrays.stream(type.getDeclaredMethods())
              .filter(m -> m.getName().endsWith("Replay"))
              .findFirst()
              .orElseThrow();
      method.setAccessible(true);
      Object instance = type.getDeclaredConstructor().newInstance();
      Throwable thrown = null;
      try {
        method.invoke(instance);
      } catch (InvocationTargetException e) {
        thrown = e.getCause();
      }
      assertThat(thrown).isNotNull();
      assertThat(outcome(thrown.getMessage())).isEqualTo(outcome(report));
    }
  }

  @Test
  void a_users_handler_class_runs_from_its_class_path_and_replays(@TempDir Path dir)
      throws Exception {
    // A handler of "the user's", compiled outside walkspec's class path: it exchanges in the
    // value it loaded earlier (H5), as the known-bad TdpAgeLoadThenExchange does.
    SourceCompiler.Result user =
        SourceCompiler.compile(
            List.of(
                new GeneratedFile(
                    "com/example/MyAge.java",
                    "package com.example;\n\npublic class MyAge extends"
                        + " dev.walkspec.arch.bad.TdpAgeLoadThenExchange {}\n")),
            dir);
    assertThat(user.problems()).isEmpty();
    String classes = user.classes().toString();

    Run explored =
        walkspec(
            "explore",
            "--spec",
            "kvm.walk",
            "--handler",
            "age=com.example.MyAge",
            "--classpath",
            classes,
            "--binding",
            "clear_flush_young[x86]",
            "aging-vs-zap");

    assertThat(explored.code()).as(explored.err()).isEqualTo(Main.FINDINGS);
    assertThat(explored.out()).contains("age handler com.example.MyAge in clear_flush_young[x86]");
    String command = reproduceLine(explored.out()).orElseThrow();
    assertThat(command)
        .startsWith(
            "walkspec replay --spec kvm.walk --handler age=com.example.MyAge --classpath "
                + classes
                + " --binding 'clear_flush_young[x86]' 'aging-vs-zap@");
    Run replayed = run(command);
    assertThat(replayed.code()).as(replayed.err()).isEqualTo(Main.FINDINGS);
    assertThat(outcome(replayed.out())).isEqualTo(outcome(explored.out())).contains("breaks H5");
  }
}
