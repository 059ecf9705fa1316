package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code walkspec explore} with a seed prints the same result every time, text or JSON. */
class ExploreDeterminismTest {
  private static String run(String... args) {
    StringWriter out = new StringWriter();
    Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
    return out.toString().replaceAll("\"elapsed[^,}]*[,]?", "").replaceAll("in [0-9.]+ ?m?s", "");
  }

  @Test
  void the_same_seed_prints_the_same_exploration() {
    for (String format : new String[] {"text", "json"}) {
      String[] args = {
        "explore",
        "lost-write-protect",
        "--strategy",
        "pct",
        "--pct-runs",
        "300",
        "--pct-depth",
        "3",
        "--seed",
        "1234",
        "--format",
        format
      };
      String first = run(args);
      assertThat(first).contains("H5");
      assertThat(run(args)).isEqualTo(first);
    }
  }
}
