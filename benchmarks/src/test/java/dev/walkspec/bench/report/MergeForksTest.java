package dev.walkspec.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rounds of one fork each join into the result JMH would give for all the forks. */
class MergeForksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A JMH result of one fork of {@code walker}'s row with the given iteration times. */
  private static String run(String walker, double... iterations) throws Exception {
    return "{\"benchmark\": \"b.WalkerBenchmark.clearYoung\", \"mode\": \"avgt\", \"forks\": 1,"
        + " \"params\": {\"slots\": \"64\", \"walker\": \""
        + walker
        + "\"}, \"primaryMetric\": {\"score\": 0, \"scoreError\": \"NaN\", \"scoreUnit\":"
        + " \"ns/op\", \"rawData\": ["
        + JSON.writeValueAsString(iterations)
        + "]}, \"secondaryMetrics\": {}}";
  }

  private static JsonNode round(String... runs) throws Exception {
    return JSON.readTree("[" + String.join(",", runs) + "]");
  }

  @Test
  void the_forks_of_every_round_become_one_result_with_jmhs_statistics_over_all_iterations()
      throws Exception {
    ArrayNode merged =
        MergeForks.merge(
            List.of(
                round(run("GENERATED", 1, 2), run("HAND_WRITTEN", 10, 10)),
                round(run("GENERATED", 3, 6), run("HAND_WRITTEN", 20, 20))));

    assertThat(merged).hasSize(2);
    JsonNode generated = merged.get(0);
    assertThat(generated.path("params").path("walker").asText()).isEqualTo("GENERATED");
    assertThat(generated.path("forks").asInt()).isEqualTo(2);
    JsonNode primary = generated.path("primaryMetric");
    assertThat(primary.path("rawData").toString()).isEqualTo("[[1.0,2.0],[3.0,6.0]]");
    assertThat(primary.path("score").asDouble()).isEqualTo(3.0);
    // Four values with mean 3 and sample variance 14/3; t(0.9995, 3 df) = 12.924.
    assertThat(primary.path("scoreError").asDouble())
        .isCloseTo(12.924 * Math.sqrt(14.0 / 3 / 4), within(0.01));
    assertThat(primary.path("scorePercentiles").path("0.0").asDouble()).isEqualTo(1.0);
    assertThat(primary.path("scorePercentiles").path("100.0").asDouble()).isEqualTo(6.0);
    assertThat(merged.get(1).path("primaryMetric").path("score").asDouble()).isEqualTo(15.0);

    JmhResults read = JmhResults.parse(merged);
    assertThat(read.runs().get(0).primaryArray()).containsExactly(1, 2, 3, 6);
  }

  @Test
  void a_benchmark_missing_from_a_round_is_an_error() throws Exception {
    List<JsonNode> rounds =
        List.of(round(run("GENERATED", 1), run("HAND_WRITTEN", 2)), round(run("GENERATED", 3)));

    assertThatThrownBy(() -> MergeForks.merge(rounds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "b.WalkerBenchmark.clearYoung avgt {\"slots\":\"64\",\"walker\":\"HAND_WRITTEN\"}"
                + " is in 1 of 2 rounds");
  }
}
