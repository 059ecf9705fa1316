package dev.walkspec.conform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.explore.StepRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result cache's entries: written whole, read back equal, unreadable ones are misses. */
class ResultCacheTest {
  private static final String KEY = "ab".repeat(32);

  @TempDir Path dir;

  @Test
  void an_entry_reads_back_as_written_and_leaves_no_temporary_file() throws Exception {
    ResultCache cache = ResultCache.at(dir);
    ResultCache.Judgement judgement =
        new ResultCache.Judgement(
            new ResultCache.Failure(
                "H9",
                "clear_young[x86]",
                "H9 coverage",
                "walkspec: H9 ...",
                "walkspec conform --handlers riscv --keep-suites target/walkspec-suites kvm.walk",
                // An explored counterexample's step rows read back too (issue 18 item 4).
                List.of(
                    new StepRow(
                        12,
                        12,
                        1,
                        StepRow.STEP,
                        0,
                        "wrprot",
                        true,
                        true,
                        "H5",
                        "EntryCursor.store: store page#2[0] on 0x40",
                        "EntryCursor.store",
                        "store",
                        false,
                        "page#2",
                        "0",
                        "0x40",
                        null,
                        null,
                        List.of("a note")),
                    new StepRow(
                        5,
                        516,
                        512,
                        StepRow.FOLDED,
                        1,
                        "teardown",
                        false,
                        false,
                        null,
                        "PageTables.free: load page#6[0..511] = 0x0",
                        null,
                        null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of()))),
            3,
            List.of("s390.Age"),
            1_234);

    cache.putJudgement(KEY, judgement);

    assertThat(cache.judgement(KEY)).contains(judgement);
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactly(KEY + ".json");
    }
  }

  @Test
  void a_pass_is_stored_as_no_failure() {
    ResultCache cache = ResultCache.at(dir);
    cache.putJudgement(KEY, new ResultCache.Judgement(null, 5, List.of(), 40));

    assertThat(cache.judgement(KEY).orElseThrow().outcome()).isEmpty();
  }

  @Test
  void a_missing_or_unreadable_entry_is_a_miss() throws Exception {
    ResultCache cache = ResultCache.at(dir);
    assertThat(cache.judgement(KEY)).isEmpty();

    cache.putJudgement(KEY, new ResultCache.Judgement(null, 5, List.of(), 40));
    try (Stream<Path> files = Files.walk(dir)) {
      Path entry = files.filter(Files::isRegularFile).findFirst().orElseThrow();
      Files.writeString(entry, "{\"failure\": nul");
    }

    assertThat(cache.judgement(KEY)).isEmpty();
  }
}
