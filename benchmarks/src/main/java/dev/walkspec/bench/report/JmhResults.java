package dev.walkspec.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runs of one JMH JSON result file ({@code -rf json}), read with Jackson. */
public final class JmhResults {
  private final List<Run> runs;

  private JmhResults(List<Run> runs) {
    this.runs = List.copyOf(runs);
  }

  /** One benchmark method with one set of parameters. */
  public record Run(
      String benchmark,
      String mode,
      Map<String, String> params,
      String unit,
      Estimate primary,
      List<Double> primarySamples,
      Map<String, List<Double>> secondarySamples,
      String jdkVersion,
      String vmName,
      String jmhVersion) {

    /** The method name: the part of {@code benchmark} after the last dot. */
    public String method() {
      return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** The class's simple name. */
    public String className() {
      String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
      return type.substring(type.lastIndexOf('.') + 1);
    }

    public String param(String name) {
      String value = params.get(name);
      if (value == null) {
        throw new IllegalArgumentException(benchmark + " has no parameter " + name);
      }
      return value;
    }

    /** Per-iteration values of a secondary metric (an auxiliary counter). */
    public double[] secondary(String name) {
      List<Double> values = secondarySamples.get(name);
      if (values == null) {
        throw new IllegalArgumentException(benchmark + " has no secondary metric " + name);
      }
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] primaryArray() {
      return primarySamples.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  public static JmhResults read(Path file) throws IOException {
    return parse(new ObjectMapper().readTree(Files.readString(file)));
  }

  public static JmhResults parse(JsonNode root) {
    List<Run> runs = new ArrayList<>();
    for (JsonNode run : root) {
      Map<String, String> params = new LinkedHashMap<>();
      JsonNode p = run.path("params");
      for (Map.Entry<String, JsonNode> e : p.properties()) {
        params.put(e.getKey(), e.getValue().asText());
      }
      JsonNode primary = run.path("primaryMetric");
      List<Double> primarySamples = flatten(primary.path("rawData"));
      double median =
          primary.path("scorePercentiles").has("50.0")
              ? primary.path("scorePercentiles").path("50.0").asDouble()
              : primary.path("score").asDouble();
      Estimate estimate =
          new Estimate(
              median,
              primary.path("score").asDouble(),
              number(primary.path("scoreError")),
              primarySamples.size());
      Map<String, List<Double>> secondary = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : run.path("secondaryMetrics").properties()) {
        secondary.put(e.getKey(), flatten(e.getValue().path("rawData")));
      }
      runs.add(
          new Run(
              run.path("benchmark").asText(),
              run.path("mode").asText(),
              params,
              primary.path("scoreUnit").asText(),
              estimate,
              primarySamples,
              secondary,
              run.path("jdkVersion").asText(),
              run.path("vmName").asText(),
              run.path("jmhVersion").asText()));
    }
    return new JmhResults(runs);
  }

  /** JMH writes NaN as the string "NaN". */
  private static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    return Double.NaN;
  }

  /** rawData is one list of iteration values per fork. */
  private static List<Double> flatten(JsonNode forks) {
    List<Double> values = new ArrayList<>();
    for (JsonNode fork : forks) {
      for (JsonNode value : fork) {
        values.add(value.asDouble());
      }
    }
    return values;
  }

  /** These runs and those of {@code other}. */
  public JmhResults plus(JmhResults other) {
    List<Run> all = new ArrayList<>(runs);
    all.addAll(other.runs);
    return new JmhResults(all);
  }

  public List<Run> runs() {
    return runs;
  }

  /** The run of {@code method} whose parameters include all of {@code params}. */
  public Optional<Run> find(String method, Map<String, String> params) {
    return runs.stream()
        .filter(r -> r.method().equals(method))
        .filter(
            r ->
                params.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(r.params().get(e.getKey()))))
        .findFirst();
  }

  /** Distinct values of a parameter, in the order the runs have them. */
  public List<String> values(String param) {
    return runs.stream().map(r -> r.params().get(param)).filter(v -> v != null).distinct().toList();
  }
}
