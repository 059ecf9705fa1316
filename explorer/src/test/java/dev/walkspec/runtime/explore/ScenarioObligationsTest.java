package dev.walkspec.runtime.explore;

import static dev.walkspec.runtime.explore.examples.Catalogue.SMALL_X86;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scenario carries what its reports call obligations (the spec's names, from whoever built it)
 * and which obligation an actor's uncaught exception breaks, as values: the counterexample names
 * it, nothing rewrites the report afterwards.
 */
class ScenarioObligationsTest {
  private static Scenario.Builder throwing() {
    return Scenario.builder("throws")
        .world(SMALL_X86, b -> b.vcpus(0))
        .actor(
            "walk",
            world -> {
              throw new IllegalStateException("WARN_ON: entry vanished");
            });
  }

  @Test
  void an_uncaught_exception_breaks_exception_unless_the_scenario_names_an_obligation() {
    Counterexample plain =
        Explorer.explore(throwing().build(), Strategy.dfs(0)).counterexample().orElseThrow();
    assertThat(plain.obligation()).isEqualTo("exception");
    assertThat(plain.report())
        .startsWith(
            "walkspec explorer: scenario 'throws' breaks exception (actors complete without"
                + " exceptions)\n");

    Counterexample h6 =
        Explorer.explore(
                throwing()
                    .titles(Map.of("H6", "concurrent zaps"))
                    .uncaughtExceptionBreaks("H6")
                    .build(),
                Strategy.dfs(0))
            .counterexample()
            .orElseThrow();
    assertThat(h6.obligation()).isEqualTo("H6");
    assertThat(h6.report())
        .startsWith("walkspec explorer: scenario 'throws' breaks H6 (concurrent zaps)\n");
  }

  @Test
  void titles_the_builder_gives_win_over_the_explorer_own() {
    Scenario titled = throwing().titles(Map.of("H3", "table_lifetime as the spec says")).build();
    assertThat(titled.title("H3")).isEqualTo("table_lifetime as the spec says");
    assertThat(titled.title("H9")).isEqualTo("coverage");
    assertThat(titled.title("X1")).isEqualTo("X1");
  }
}
