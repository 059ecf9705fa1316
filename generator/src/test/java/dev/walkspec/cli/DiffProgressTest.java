package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * walkspec diff's progress (issue 18 item 4): at a terminal one line rewritten in place and erased
 * at the end; elsewhere a heartbeat line per tick of its timer (every 10 s), nothing else. The
 * clock is given; the ticks are called by hand.
 */
class DiffProgressTest {
  private static final String ERASE = "\r\u001b[2K";

  private final StringWriter err = new StringWriter();
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

  private DiffProgress progress(boolean terminal) {
    return new DiffProgress(new PrintWriter(err), nanos::get, terminal);
  }

  private void seconds(long s) {
    nanos.addAndGet(s * 1_000_000_000L);
  }

  @Test
  void at_a_terminal_the_line_is_rewritten_on_each_part_and_tick_then_erased() {
    DiffProgress p = progress(true);
    seconds(12);
    p.part(3, 14, "C4 clear_young on x86");
    p.scenarios(466_944);
    seconds(1);
    p.tick();
    p.close();
    p.close();

    assertThat(err.toString())
        .isEqualTo(
            ERASE
                + "diff: part 3 of 14 (C4 clear_young on x86), 0 scenarios, 12 s"
                + ERASE
                + "diff: part 3 of 14 (C4 clear_young on x86), 466,944 scenarios, 13 s"
                + ERASE);
  }

  @Test
  void elsewhere_only_the_heartbeat_speaks_one_line_each() {
    DiffProgress p = progress(false);
    p.part(1, 14, "explicit inputs on x86");
    seconds(10);
    p.tick();
    p.scenarios(4096);
    p.part(2, 14, "C1 invalidate_range_start on x86");
    seconds(10);
    p.tick();
    p.close();
    p.tick();

    assertThat(err.toString())
        .isEqualTo(
            "walkspec diff: part 1 of 14 (explicit inputs on x86), 0 scenarios, 10 s\n"
                + "walkspec diff: part 2 of 14 (C1 invalidate_range_start on x86), 4,096"
                + " scenarios, 20 s\n");
  }

  @Test
  void a_diff_that_ends_before_the_first_heartbeat_prints_nothing() {
    DiffProgress p = progress(false);
    p.part(1, 2, "explicit inputs on x86");
    p.close();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void the_scenario_count_waits_for_the_next_tick_at_a_terminal() {
    DiffProgress p = progress(true);
    p.scenarios(8192);

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void a_tick_before_the_first_part() {
    DiffProgress p = progress(false);
    p.tick();

    assertThat(err.toString()).isEqualTo("walkspec diff: starting, 0 scenarios, 0 s\n");
  }
}
