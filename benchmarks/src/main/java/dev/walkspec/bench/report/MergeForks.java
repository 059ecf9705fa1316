package dev.walkspec.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Joins JMH JSON results of rounds of one fork each into one result with every fork, as if JMH had
 * run them all: each benchmark's raw data (one list of iterations per fork) is the rounds' lists in
 * order, and its score, error, confidence interval and percentiles are computed again from all of
 * them with JMH's own statistics ({@link ListStatistics}, 99.9% as JMH reports {@code scoreError}).
 *
 * <p>Why rounds: the walker benchmark's two walkers differ by a few nanoseconds, less than the
 * spread between forks of the same code on a shared machine, and JMH runs all forks of one
 * benchmark before the next. In rounds of one fork per benchmark the forks of the two walkers of a
 * row alternate, seconds apart, so load that comes and goes over minutes hits both alike.
 *
 * <p>{@code MergeForks OUT.json ROUND.json...}
 */
public final class MergeForks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double[] PERCENTILES = {
    0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0
  };

  private MergeForks() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: MergeForks OUT.json ROUND.json...");
    }
    List<JsonNode> rounds = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      rounds.add(JSON.readTree(Files.readString(Path.of(args[i]))));
    }
    Path out = Path.of(args[0]);
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    JSON.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), merge(rounds));
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The rounds' runs joined by benchmark, mode and parameters, in the first round's order. */
  static ArrayNode merge(List<JsonNode> rounds) {
    Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
    for (JsonNode round : rounds) {
      for (JsonNode run : round) {
        byKey.computeIfAbsent(key(run), k -> new ArrayList<>()).add(run);
      }
    }
    ArrayNode merged = JSON.createArrayNode();
    for (List<JsonNode> runs : byKey.values()) {
      if (runs.size() != rounds.size()) {
        throw new IllegalArgumentException(
            key(runs.get(0)) + " is in " + runs.size() + " of " + rounds.size() + " rounds");
      }
      merged.add(joined(runs));
    }
    return merged;
  }

  private static String key(JsonNode run) {
    return run.path("benchmark").asText()
        + " "
        + run.path("mode").asText()
        + " "
        + run.path("params");
  }

  private static ObjectNode joined(List<JsonNode> runs) {
    ObjectNode first = runs.get(0).deepCopy();
    first.put("forks", runs.stream().mapToInt(r -> r.path("forks").asInt()).sum());
    join((ObjectNode) first.get("primaryMetric"), runs, run -> run.path("primaryMetric"));
    if (first.get("secondaryMetrics") instanceof ObjectNode secondaries) {
      List<String> names = new ArrayList<>();
      secondaries.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        join(
            (ObjectNode) secondaries.get(name),
            runs,
            run -> run.path("secondaryMetrics").path(name));
      }
    }
    return first;
  }

  /**
   * Puts every run's raw data of its metric ({@code metricOf}) into {@code into}, and the
   * statistics.
   */
  private static void join(
      ObjectNode into, List<JsonNode> runs, Function<JsonNode, JsonNode> metricOf) {
    ArrayNode raw = JSON.createArrayNode();
    List<Double> values = new ArrayList<>();
    for (JsonNode run : runs) {
      for (JsonNode fork : metricOf.apply(run).path("rawData")) {
        raw.add(fork);
        fork.forEach(v -> values.add(v.asDouble()));
      }
    }
    ListStatistics stats = new ListStatistics(values.stream().mapToDouble(d -> d).toArray());
    into.set("rawData", raw);
    into.put("score", stats.getMean());
    double error = values.size() > 1 ? stats.getMeanErrorAt(0.999) : Double.NaN;
    if (Double.isNaN(error)) {
      into.put("scoreError", "NaN");
    } else {
      into.put("scoreError", error);
    }
    ArrayNode confidence = into.putArray("scoreConfidence");
    double[] interval = stats.getConfidenceIntervalAt(0.999);
    confidence.add(interval[0]).add(interval[1]);
    ObjectNode percentiles = into.putObject("scorePercentiles");
    for (double p : PERCENTILES) {
      percentiles.put(Double.toString(p), stats.getPercentile(p));
    }
  }
}
