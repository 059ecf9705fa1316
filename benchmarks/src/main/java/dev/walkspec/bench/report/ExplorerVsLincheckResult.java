package dev.walkspec.bench.report;

import java.util.List;

/**
 * What the explorer-against-Lincheck harness measured (benchmark 5), written and read as JSON with
 * Jackson.
 *
 * @param scenario the catalogue scenario both tools check
 * @param walkspecMillis per measured round, walkspec's time to the first failure
 * @param walkspecSchedules schedules walkspec ran up to and including the failing one
 * @param walkspecObligation the obligation walkspec reported
 * @param lincheckMillis per measured round, Lincheck's time to the first failure
 * @param lincheckRuns per round, how often Lincheck ran the test body (its invocations up to the
 *     failure, plus the replays it makes to report it)
 * @param lincheckFound whether Lincheck reported the lost zap in every round
 * @param lincheckReport the first lines of Lincheck's report
 * @param throughputScenario the correct scenario explored exhaustively for walkspec's speed
 * @param throughputSchedules schedules of that exhaustive search
 * @param throughputMillis per round, the time of that search
 */
public record ExplorerVsLincheckResult(
    String scenario,
    String strategy,
    String lincheckVersion,
    String jdkVersion,
    int cores,
    int walkspecWarmupRounds,
    int lincheckWarmupRounds,
    List<Double> walkspecMillis,
    long walkspecSchedules,
    String walkspecObligation,
    List<Double> lincheckMillis,
    List<Long> lincheckRuns,
    boolean lincheckFound,
    String lincheckReport,
    String throughputScenario,
    long throughputSchedules,
    List<Double> throughputMillis) {

  static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  public Estimate walkspec() {
    return Estimate.of(array(walkspecMillis));
  }

  public Estimate lincheck() {
    return Estimate.of(array(lincheckMillis));
  }

  /** walkspec's schedules per second on the exhaustive search. */
  public Estimate schedulesPerSecond() {
    return Estimate.of(
        throughputMillis.stream().mapToDouble(ms -> throughputSchedules / (ms / 1000.0)).toArray());
  }
}
