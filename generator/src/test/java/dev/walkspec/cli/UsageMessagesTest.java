package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.diag.Similarity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistyped names: the usage error names the word and, when it looks like a typo, the right one. */
class UsageMessagesTest {
  @Test
  void a_mistyped_command_gets_the_closest_command() {
    CheckCommandTest.Run run = CheckCommandTest.run("chek", "kvm.walk");

    assertThat(run.exit()).isEqualTo(Main.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "walkspec: unknown command 'chek'; did you mean 'check'?\n"
                + "Try 'walkspec --help' for more information.\n");
  }

  @Test
  void swapped_letters_count_as_one_typo() {
    CheckCommandTest.Run run = CheckCommandTest.run("explroe");

    assertThat(run.err())
        .startsWith("walkspec: unknown command 'explroe'; did you mean 'explore'?\n");
  }

  @Test
  void a_word_that_is_no_typo_gets_the_list_of_commands() {
    CheckCommandTest.Run run = CheckCommandTest.run("frobnicate", "x.walk");

    assertThat(run.exit()).isEqualTo(Main.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "walkspec: unknown command 'frobnicate' (the commands: check, trace, generate, diff,"
                + " kernel-check, explore, replay, help)\n"
                + "Try 'walkspec --help' for more information.\n");
  }

  @Test
  void an_unknown_option_is_still_picoclis_message() {
    CheckCommandTest.Run run = CheckCommandTest.run("--chek");

    assertThat(run.exit()).isEqualTo(Main.USAGE);
    assertThat(run.err()).startsWith("walkspec: Unknown option: '--chek'\n");
  }

  @Test
  void a_mistyped_catalogue_scenario_in_explore_and_replay() {
    CheckCommandTest.Run explore = CheckCommandTest.run("explore", "lost-zapp");
    CheckCommandTest.Run replay = CheckCommandTest.run("replay", "lost-zapp@0*4.1");

    String expected =
        "walkspec: no scenario 'lost-zapp' in the catalogue; did you mean 'lost-zap'? (known:"
            + " lost-zap, ";
    assertThat(explore.exit()).isEqualTo(Main.USAGE);
    assertThat(explore.err()).startsWith(expected).endsWith(")\n");
    assertThat(replay.exit()).isEqualTo(Main.USAGE);
    assertThat(replay.err()).startsWith(expected).endsWith(")\n");
  }

  @Test
  void a_mistyped_suite_scenario() {
    CheckCommandTest.Run run =
        CheckCommandTest.run("explore", "--spec", "kvm.walk", "--handlers", "x86", "agin-vs-zap");

    assertThat(run.exit()).isEqualTo(Main.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "walkspec: no scenario 'agin-vs-zap' in the generated handler suites; did you mean"
                + " 'aging-vs-zap'? (they explore invalidation-vs-vcpus, unmap-many-pages,"
                + " unmap-vs-root-free, gmem-punch-hole (unmap handlers; gmem-punch-hole in a TDX"
                + " VM, x86_private) and aging-vs-zap, aging-vs-table-free, aging-vs-write-protect"
                + " (age and test_age handlers), each but gmem-punch-hole also with -shadow where"
                + " the profile has a shadow MMU)\n");
  }

  @Test
  void distance_counts_insertions_deletions_substitutions_and_swaps_as_one_edit_each() {
    assertThat(Similarity.editDistance("chek", "check")).isEqualTo(1);
    assertThat(Similarity.editDistance("checkk", "check")).isEqualTo(1);
    assertThat(Similarity.editDistance("chock", "check")).isEqualTo(1);
    assertThat(Similarity.editDistance("x68", "x86")).isEqualTo(1);
    assertThat(Similarity.editDistance("trace", "diff")).isEqualTo(5);
    assertThat(Suggestions.closest("x68", List.of("arm64", "x86", "s390"))).contains("x86");
    assertThat(Suggestions.closest("riscv", List.of("x86", "arm64"))).isEmpty();
  }
}
