package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The help follows the width it is given (COLUMNS, or the terminal) and never breaks an example
 * command inside an argument: what a user pastes from it into a shell is exactly the command of the
 * source (issue 18 item 4). Reviewed snapshots at 60 and 120 columns in
 * src/test/resources/snapshots (rewrite with -Dwalkspec.updateGolden=true, then review).
 */
class HelpTextTest {
  private static String help(int width, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(HelpLayout.columns(width), new PrintWriter(out), new PrintWriter(err), args);
    assertThat(err.toString()).isEmpty();
    assertThat(exit).isEqualTo(Main.OK);
    return out.toString();
  }

  @ParameterizedTest
  @CsvSource({"60, help-walkspec-60.txt", "120, help-walkspec-120.txt"})
  void the_commands_help_at_two_widths(int width, String snapshot) throws Exception {
    DiffCommandTest.assertSnapshot(snapshot, help(width, "--help"));
  }

  @ParameterizedTest
  @CsvSource({"60, help-diff-60.txt", "120, help-diff-120.txt"})
  void the_help_of_diff_at_two_widths(int width, String snapshot) throws Exception {
    DiffCommandTest.assertSnapshot(snapshot, help(width, "diff", "--help"));
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 120})
  void no_line_of_any_help_is_wider_than_the_width(int width) {
    for (String command : commands()) {
      String text = help(width, args(command, "--help"));
      assertThat(text.lines())
          .as("%s --help at %d columns", command, width)
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
    }
  }

  /**
   * Every example of every command, found whole in its help once the shell's continuations are
   * joined; and the shell itself reads the same words from the help's lines as from the source's.
   */
  @ParameterizedTest
  @ValueSource(ints = {60, 80, 120})
  void every_example_pastes_into_a_shell_as_the_whole_command(int width) throws Exception {
    for (String command : commands()) {
      List<String> examples = examples(command);
      assertThat(examples).as("examples of %s", command).isNotEmpty();
      String text = help(width, args(command, "--help"));
      String joined = text.replace(" \\" + System.lineSeparator() + "      ", " ");
      List<String> pasted = pastedExamples(text);
      for (String example : examples) {
        assertThat(joined).as("%s --help at %d columns", command, width).contains(example + "\n");
      }
      assertThat(shellWords(pasted)).isEqualTo(shellWords(examples));
    }
  }

  @Test
  void an_example_too_wide_is_continued_between_arguments_never_inside_one() {
    // An option keeps its value on its line; the continuation is the source's: 4 more spaces.
    String example =
        "  walkspec replay --spec src/main/walkspec/kvm.walk --binding 'clear_young[x86]'"
            + " --handler age=com.example.MyAge --classpath target/classes 'aging-vs-zap@0*6.1'";

    assertThat(HelpLayout.example(example, 60))
        .containsExactly(
            "  walkspec replay --spec src/main/walkspec/kvm.walk \\",
            "      --binding 'clear_young[x86]' \\",
            "      --handler age=com.example.MyAge \\",
            "      --classpath target/classes 'aging-vs-zap@0*6.1'");
    assertThat(HelpLayout.example("  walkspec help check", 20))
        .containsExactly("  walkspec help \\", "      check");
  }

  @Test
  void a_comment_that_does_not_fit_goes_above_its_command_and_a_redirection_keeps_its_file() {
    assertThat(
            HelpLayout.example(
                "  walkspec conform                 # every bundled spec against every bundled"
                    + " handler",
                60))
        .containsExactly(
            "  # every bundled spec against every bundled handler", "  walkspec conform");
    assertThat(
            HelpLayout.example("  walkspec conform --format json -o /tmp/report > matrix.json", 55))
        .containsExactly(
            "  walkspec conform --format json -o /tmp/report \\", "      > matrix.json");
  }

  @Test
  void a_flag_is_no_option_with_a_value_so_the_word_after_it_may_go_to_the_next_line() {
    CommandLine.Model.CommandSpec root = new CommandLine(new Main()).getCommandSpec();
    String example =
        "  walkspec diff --c spec/src/main/walkspec/v4-v6.14-locked-aging.walk"
            + " spec/src/main/walkspec/kvm.walk";

    assertThat(HelpLayout.flags(root, example))
        .contains("--c", "--debug", "-h")
        .doesNotContain("-I");
    assertThat(HelpLayout.flags(root, "  walkspec help check")).doesNotContain("--c");
    // Were --c an option with a value, it would go with the path to the next line.
    assertThat(HelpLayout.example(example, 70, Set.of()))
        .containsExactly(
            "  walkspec diff \\",
            "      --c spec/src/main/walkspec/v4-v6.14-locked-aging.walk \\",
            "      spec/src/main/walkspec/kvm.walk");
    assertThat(HelpLayout.example(example, 70, HelpLayout.flags(root, example)))
        .containsExactly(
            "  walkspec diff --c \\",
            "      spec/src/main/walkspec/v4-v6.14-locked-aging.walk \\",
            "      spec/src/main/walkspec/kvm.walk");
  }

  @Test
  void quoted_words_and_comments_stay_whole() {
    assertThat(HelpLayout.words("walkspec x 'a b' \"c d\" e\\ f  # a comment here"))
        .containsExactly("walkspec", "x", "'a b'", "\"c d\"", "e\\ f", "# a comment here");
  }

  @Test
  void a_word_longer_than_the_line_is_shown_whole_on_its_own_line() {
    String path = "spec/" + "x".repeat(70) + ".walk";

    assertThat(HelpLayout.example("  walkspec check " + path + " --werror", 60))
        .containsExactly("  walkspec check \\", "      " + path + " \\", "      --werror");
  }

  @Test
  void columns_from_the_environment_with_picoclis_floor() {
    CommandLine narrow = new CommandLine(new Main());
    HelpLayout.fromEnvironment(Map.of("COLUMNS", "20")).applyTo(narrow);
    CommandLine wide = new CommandLine(new Main());
    HelpLayout.fromEnvironment(Map.of("COLUMNS", " 132 ")).applyTo(wide);
    CommandLine unset = new CommandLine(new Main());
    HelpLayout.fromEnvironment(Map.of("COLUMNS", "wide")).applyTo(unset);

    assertThat(narrow.getUsageHelpWidth()).isEqualTo(55);
    assertThat(wide.getUsageHelpWidth()).isEqualTo(132);
    assertThat(wide.getSubcommands().get("diff").getUsageHelpWidth()).isEqualTo(132);
    assertThat(wide.isUsageHelpAutoWidth()).isFalse();
    // No number: the terminal decides (picocli measures it), 80 without a terminal.
    assertThat(unset.isUsageHelpAutoWidth()).isTrue();
    assertThat(HelpLayout.fromEnvironment(Map.of()))
        .usingRecursiveComparison()
        .isEqualTo(new HelpLayout(OptionalInt.empty()));
  }

  /** The root command and every subcommand but help (which has no examples). */
  private static List<String> commands() {
    List<String> commands = new ArrayList<>();
    commands.add("");
    new CommandLine(new Main())
        .getSubcommands().keySet().stream().filter(c -> !c.equals("help")).forEach(commands::add);
    return commands;
  }

  private static String[] args(String command, String option) {
    return command.isEmpty() ? new String[] {option} : new String[] {command, option};
  }

  /** The examples as the source writes them: footer lines that begin with " walkspec ". */
  private static List<String> examples(String command) {
    CommandLine root = new CommandLine(new Main());
    CommandLine cli = command.isEmpty() ? root : root.getSubcommands().get(command);
    return List.of(cli.getCommandSpec().usageMessage().footer()).stream()
        .filter(l -> l.startsWith("  walkspec "))
        .toList();
  }

  /** The example lines of a help text, a command and its continuation lines together. */
  private static List<String> pastedExamples(String text) {
    List<String> examples = new ArrayList<>();
    String current = null;
    for (String line : text.lines().toList()) {
      if (current != null) {
        current += "\n" + line;
      } else if (line.startsWith("  walkspec ")) {
        current = line;
      } else {
        continue;
      }
      if (!line.endsWith(" \\")) {
        examples.add(current);
        current = null;
      }
    }
    return examples;
  }

  /**
   * What bash passes to {@code walkspec} for each of these command lines: one argument a line, a
   * line "--" after each command (globs off, so that what runs is compared, not the tree).
   */
  private static List<String> shellWords(List<String> commands) throws Exception {
    StringBuilder script =
        new StringBuilder("set -f\nwalkspec() { printf '%s\\n' \"$@\"; echo --; }\n");
    commands.forEach(c -> script.append(c).append('\n'));
    Process bash = new ProcessBuilder("bash", "-c", script.toString()).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String err = new String(bash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.exitValue()).as(err).isZero();
    return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .lines()
        .toList();
  }
}
