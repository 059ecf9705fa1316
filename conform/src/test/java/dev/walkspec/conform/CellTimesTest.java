package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cell's time from its judgements (issue 18 item 3). */
class CellTimesTest {
  private static final Map<String, Long> RAN = Map.of("a", 1_000L, "b", 300L);
  private static final Map<String, Long> CACHED = Map.of("c", 5_000L);
  // "b" is needed by two cells: it ran once, for both.
  private static final Map<String, Integer> CELLS = Map.of("a", 1, "b", 2, "c", 3);

  @Test
  void a_shared_judgement_counts_in_full_and_is_marked_shared() {
    CellTimes times = new CellTimes(RAN, CACHED, CELLS);
    times.add("a");
    times.add("b");

    assertThat(times.time()).isEqualTo(new MatrixCell.Time(1_300, 300, 2, 1, 0, 0));
    assertThat(times.time().shown()).isEqualTo("1.3 s");
    assertThat(times.time().describe())
        .isEqualTo(
            "ran 2 judgements in 1.3 s (0.3 s of it in 1 judgement shared with other cells,"
                + " counted in each)");
  }

  @Test
  void a_judgement_two_bindings_need_counts_once() {
    CellTimes times = new CellTimes(RAN, CACHED, CELLS);
    times.add("a");
    times.add("a");

    assertThat(times.time()).isEqualTo(new MatrixCell.Time(1_000, 0, 1, 0, 0, 0));
    assertThat(times.time().describe()).isEqualTo("ran 1 judgement in 1.0 s");
  }

  @Test
  void a_cell_of_cached_judgements_only_says_cached() {
    CellTimes times = new CellTimes(RAN, CACHED, CELLS);
    times.add("c");

    assertThat(times.time()).isEqualTo(new MatrixCell.Time(0, 0, 0, 0, 1, 5_000));
    assertThat(times.time().isCached()).isTrue();
    assertThat(times.time().shown()).isEqualTo("cached");
    assertThat(times.time().describe())
        .isEqualTo("cached: its 1 judgement from the result cache (it took 5.0 s when it ran)");
  }

  @Test
  void a_cell_partly_from_the_cache_shows_the_time_of_what_ran() {
    CellTimes times = new CellTimes(RAN, CACHED, CELLS);
    times.add("a");
    times.add("c");

    assertThat(times.time().shown()).isEqualTo("1.0 s");
    assertThat(times.time().describe())
        .isEqualTo("ran 1 judgement in 1.0 s; 1 from the result cache");
  }

  @Test
  void a_cell_with_no_judgement_has_no_time() {
    MatrixCell.Time none = new CellTimes(RAN, CACHED, CELLS).time();

    assertThat(none.shown()).isEqualTo("-");
    assertThat(none.describe()).isEmpty();
  }
}
