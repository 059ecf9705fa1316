package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.explore.examples.Catalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The explorer gives the same answer every time: for every catalogue scenario, the same strategy
 * (PCT with a seed, bounded DFS) gives the same result (schedules, pruned runs, steps, rounds, stop
 * reason, and for a failure the whole report and replay string) run after run, and under an odd
 * default locale and time zone. Only the elapsed time may differ.
 */
class ExplorerDeterminismTest {
  private static final List<Strategy> STRATEGIES =
      List.of(Strategy.pct(3, 150, 42), Strategy.pct(2, 150, -7), Strategy.dfs(1));

  /** Everything of a result except the elapsed time. */
  static String fingerprint(ExplorationResult r) {
    StringBuilder out = new StringBuilder();
    out.append(r.summary()).append('\n');
    out.append(r.exhausted()).append(' ').append(r.stopReason()).append(' ');
    out.append(r.schedules()).append(' ').append(r.pruned()).append(' ').append(r.steps());
    out.append(' ').append(r.rounds()).append('\n');
    r.counterexample()
        .ifPresent(
            c ->
                out.append(c.obligation())
                    .append(' ')
                    .append(c.replay())
                    .append('\n')
                    .append(c.report()));
    return out.toString();
  }

  private static List<String> exploreAll() {
    List<String> results = new ArrayList<>();
    for (String name : Catalogue.names()) {
      for (Strategy strategy : STRATEGIES) {
        results.add(
            name
                + " "
                + strategy.render()
                + "\n"
                + fingerprint(Explorer.explore(Catalogue.scenario(name), strategy)));
      }
    }
    return results;
  }

  @Test
  void the_same_seed_gives_the_same_result_every_time_in_any_locale() {
    List<String> first = exploreAll();
    assertThat(exploreAll()).isEqualTo(first);
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      assertThat(exploreAll()).isEqualTo(first);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
    // The runs did explore: some scenarios fail (planted bugs), and seeds matter to PCT.
    assertThat(first).anyMatch(r -> r.contains("breaks"));
  }
}
