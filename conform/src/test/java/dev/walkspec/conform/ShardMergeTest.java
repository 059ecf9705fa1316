package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.cli.Main;
import dev.walkspec.conform.ConformCommandTest.Run;
import dev.walkspec.conform.report.ReportFiles;
import dev.walkspec.suite.ExplorationCache;
import dev.walkspec.suite.ExplorationShard;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 5: a matrix run in three shards, each on its own machine, merges into the verdicts
 * and report of the whole run; a merge missing a shard says so rather than running its work.
 */
class ShardMergeTest {
  /** One set failing a one-call property and an exploration, two passing ones. */
  private static final String SETS =
      "TdpUnmapReturnsFalse,TdpTestAgeClears,ShadowTestAgeLeaksRmapLock";

  @Test
  void three_shards_merge_into_the_verdicts_and_report_of_the_whole_run(@TempDir Path dir)
      throws Exception {
    Run whole = onKvm("--handlers", SETS, "--no-cache", "-o", dir.resolve("whole").toString());
    Run[] shards = new Run[3];
    for (int k = 1; k <= 3; k++) {
      shards[k - 1] =
          onKvm(
              "--handlers",
              SETS,
              "--shard",
              k + "/3",
              "--cache",
              dir.resolve("shard" + k).toString(),
              "-o",
              dir.resolve("shard-report" + k).toString());
    }
    Run merged =
        onKvm(
            "--handlers",
            SETS,
            "--cache",
            dir.resolve("merge-cache").toString(),
            "--merge",
            dir.resolve("shard1").toString(),
            dir.resolve("shard2").toString(),
            dir.resolve("shard3").toString(),
            "-o",
            dir.resolve("merged").toString());

    assertThat(whole.code()).as(whole.err()).isZero();
    for (int k = 1; k <= 3; k++) {
      Run shard = shards[k - 1];
      assertThat(shard.code()).as(shard.err()).isZero();
      assertThat(shard.out())
          .containsPattern(
              "shard "
                  + k
                  + "/3: ran [1-9]\\d* suites for [1-9]\\d* judgements \\(0 reused from the"
                  + " cache\\); results in ")
          .contains("walkspec conform --merge DIR...");
      // A shard writes no report: its cells are partial.
      assertThat(dir.resolve("shard-report" + k)).doesNotExist();
    }
    assertThat(merged.code()).as(merged.err()).isZero();
    assertThat(merged.out())
        .containsPattern("\\n0 generated suites, 0 tests, 0 schedules explored")
        .containsPattern("merged \\d+ judgements \\([1-9][\\d,]* tests\\) from 3 directories");
    assertThat(table(merged.out())).isEqualTo(table(whole.out()));
    assertThat(read(dir, "merged", ReportFiles.MATRIX_DOC))
        .isEqualTo(read(dir, "whole", ReportFiles.MATRIX_DOC));
    assertThat(withoutTimes(read(dir, "merged", "junit.xml")))
        .isEqualTo(withoutTimes(read(dir, "whole", "junit.xml")));
  }

  @Test
  void a_merge_without_every_shard_names_what_is_missing(@TempDir Path dir) {
    Run shard =
        onKvm(
            "--handlers",
            SETS,
            "--no-mutants",
            "--shard",
            "1/2",
            "--cache",
            dir.resolve("shard1").toString());
    Run merged =
        onKvm(
            "--handlers",
            SETS,
            "--no-mutants",
            // Its own cache directory is empty: the shards' results are all it has.
            "--cache",
            dir.resolve("merge-cache").toString(),
            "--merge",
            dir.resolve("shard1").toString(),
            "-o",
            dir.resolve("merged").toString());

    assertThat(shard.code()).as(shard.err()).isZero();
    assertThat(merged.code()).isEqualTo(Main.USAGE);
    assertThat(merged.err())
        .containsPattern(
            "walkspec: --merge: [1-9]\\d* of \\d+ judgements are in none of the directories given"
                + " \\(a shard missing\\?\\), the first: \\S+ on kvm\\n");
    assertThat(dir.resolve("merged")).doesNotExist();
  }

  @Test
  void a_shard_must_be_k_of_n(@TempDir Path dir) {
    Run run = onKvm("--handlers", SETS, "--shard", "4/3", "--cache", dir.toString());

    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--shard: K/N with 1 <= K <= N, not '4/3'");
  }

  @Test
  void the_build_property_that_splits_generated_suites_is_refused(@TempDir Path dir) {
    System.setProperty(ExplorationShard.PROPERTY, "1/2");
    try {
      Run run = onKvm("--handlers", SETS, "--cache", dir.toString());

      assertThat(run.code()).isEqualTo(Main.USAGE);
      assertThat(run.err())
          .contains(
              "the walkspec.shard property splits a build's generated suites; walkspec conform"
                  + " splits its matrix with --shard K/N");
    } finally {
      System.clearProperty(ExplorationShard.PROPERTY);
    }
  }

  @Test
  void the_build_property_that_keeps_explorations_is_refused(@TempDir Path dir) {
    System.setProperty(ExplorationCache.PROPERTY, dir.resolve("kept").toString());
    try {
      Run run = onKvm("--handlers", SETS, "--no-cache");

      assertThat(run.code()).isEqualTo(Main.USAGE);
      assertThat(run.err())
          .contains(
              "the walkspec.explore.cache property keeps a build's explorations; walkspec conform"
                  + " keeps its results with --cache DIR");
      assertThat(dir.resolve("kept")).doesNotExist();
    } finally {
      System.clearProperty(ExplorationCache.PROPERTY);
    }
  }

  /** Every run judges the canonical spec only, to stay short. */
  private static Run onKvm(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = "kvm.walk";
    return ConformCommandTest.conform(all);
  }

  private static String read(Path dir, String run, String file) throws Exception {
    return Files.readString(dir.resolve(run).resolve(file));
  }

  private static String withoutTimes(String junit) {
    return junit.replaceAll(" time=\"[^\"]*\"", "").replaceAll(" timestamp=\"[^\"]*\"", "");
  }

  /** The matrix and its verdicts: everything before the summary lines. */
  private static String table(String out) {
    return out.substring(0, out.lastIndexOf('\n', out.indexOf(" generated suites,")) + 1);
  }
}
