package dev.walkspec.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared results of boolean walks (W12). */
class WalkResultTest {
  @ParameterizedTest
  @CsvSource({"false, false", "false, true", "true, false", "true, true"})
  void a_shared_result_equals_the_result_a_walk_would_build(boolean ret, boolean found) {
    WalkResult shared = WalkResult.of(ret, found);

    assertThat(shared).isEqualTo(new WalkResult(ret ? 1L : 0L, found));
    assertThat(shared.young()).isEqualTo(ret);
    assertThat(shared).isSameAs(WalkResult.of(ret, found));
  }

  @Test
  void a_walk_that_hit_nothing_gives_nothing() {
    assertThat(WalkResult.of(false, false)).isSameAs(WalkResult.NOTHING);
  }
}
