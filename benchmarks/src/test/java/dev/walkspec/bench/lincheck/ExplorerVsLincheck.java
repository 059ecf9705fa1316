package dev.walkspec.bench.lincheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.walkspec.bench.report.ExplorerVsLincheckResult;
import dev.walkspec.runtime.explore.Budget;
import dev.walkspec.runtime.explore.Counterexample;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.explore.Invariants;
import dev.walkspec.runtime.explore.Strategy;
import dev.walkspec.runtime.explore.examples.Catalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;

/**
 * Benchmark 5, a timed harness (not a test: nothing here asserts a time): the lost-zap bug checked
 * by walkspec's explorer and by Lincheck in one JVM, walkspec's rounds first, each round a search
 * from scratch to the first failure. Writes {@link ExplorerVsLincheckResult} as JSON and prints the
 * ratio. Run by {@code benchmarks/run} on the test class path (Lincheck is a test dependency) with
 * the {@code --add-opens} Lincheck needs on JDK 17.
 *
 * <p>Usage: {@code ExplorerVsLincheck OUTPUT.json [WALKSPEC_ROUNDS] [LINCHECK_ROUNDS]
 * [LINCHECK_WARMUP]}; walkspec always has three warm-up rounds (they take milliseconds).
 */
public final class ExplorerVsLincheck {
  static final String SCENARIO = "lost-zap-xchg";
  static final String CORRECT = "age-vs-zap";
  static final int PREEMPTIONS = 2;
  static final int LINCHECK_INVOCATIONS = 10_000;

  private ExplorerVsLincheck() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/results/explorer-vs-lincheck.json");
    int walkspecRounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int lincheckRounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int lincheckWarmup = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int walkspecWarmup = 3;
    // walkspec first: Lincheck leaves the classes it instrumented (the runtime's among them)
    // transformed, which would slow the explorer down in later rounds.
    List<Double> walkspecMillis = new ArrayList<>();
    List<Double> throughputMillis = new ArrayList<>();
    long schedules = 0;
    long throughputSchedules = 0;
    String obligation = "";
    for (int round = 0; round < walkspecWarmup + walkspecRounds; round++) {
      ExplorationResult explored = explore();
      Counterexample failure =
          explored
              .counterexample()
              .orElseThrow(() -> new IllegalStateException("the explorer missed " + SCENARIO));
      schedules = failure.schedulesToFailure();
      obligation = failure.obligation();
      ExplorationResult exhaustive =
          Explorer.explore(Catalogue.scenario(CORRECT), Strategy.dfs(PREEMPTIONS));
      if (exhaustive.failed() || !exhaustive.exhausted()) {
        throw new IllegalStateException(
            "the correct scenario did not explore cleanly: " + exhaustive.summary());
      }
      throughputSchedules = exhaustive.schedules();
      boolean measured = round >= walkspecWarmup;
      System.out.printf(
          Locale.ROOT,
          "walkspec %s %d: %s in %.1f ms after %d schedules; exhaustive %s: %d schedules in %.1f"
              + " ms%n",
          measured ? "round" : "warm-up",
          round,
          obligation,
          millis(explored),
          schedules,
          CORRECT,
          throughputSchedules,
          millis(exhaustive));
      if (measured) {
        walkspecMillis.add(millis(explored));
        throughputMillis.add(millis(exhaustive));
      }
    }
    List<Double> lincheckMillis = new ArrayList<>();
    List<Long> lincheckRuns = new ArrayList<>();
    boolean found = true;
    String report = "";
    for (int round = 0; round < lincheckWarmup + lincheckRounds; round++) {
      LincheckRound lincheck = lincheck();
      found &= lincheck.found();
      if (lincheck.found() && report.isEmpty()) {
        report = lincheck.report();
      }
      boolean measured = round >= lincheckWarmup;
      System.out.printf(
          Locale.ROOT,
          "Lincheck %s %d: %s in %.1f ms after %d runs of the body%n",
          measured ? "round" : "warm-up",
          round,
          lincheck.found() ? "lost zap" : "NOTHING FOUND",
          lincheck.millis(),
          lincheck.runs());
      if (measured) {
        lincheckMillis.add(lincheck.millis());
        lincheckRuns.add(lincheck.runs());
      }
    }
    ExplorerVsLincheckResult result =
        new ExplorerVsLincheckResult(
            SCENARIO,
            "dfs(" + PREEMPTIONS + ")",
            lincheckVersion(),
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            walkspecWarmup,
            lincheckWarmup,
            walkspecMillis,
            schedules,
            obligation,
            lincheckMillis,
            lincheckRuns,
            found,
            report,
            CORRECT,
            throughputSchedules,
            throughputMillis);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
    System.out.printf(
        Locale.ROOT,
        "Lincheck / walkspec time to first failure: %s; wrote %s%n",
        result.lincheck().over(result.walkspec()).ratioText(),
        out);
  }

  /** walkspec: DFS with a preemption bound, stopping at the first failure, no shrinking. */
  static ExplorationResult explore() {
    return Explorer.explore(
        Catalogue.scenario(SCENARIO),
        Strategy.dfs(PREEMPTIONS),
        Invariants.standard(),
        Budget.defaults().withShrinkRuns(0));
  }

  static double millis(ExplorationResult result) {
    return result.elapsed().toNanos() / 1e6;
  }

  /** One Lincheck search. */
  record LincheckRound(double millis, long runs, boolean found, String report) {}

  static LincheckRound lincheck() {
    LostZapRace.resetRuns();
    long start = System.nanoTime();
    String report = "";
    boolean found = false;
    try {
      // A lambda, not a method reference: Lincheck 3.7 explored only three runs of the
      // method-reference form here and reported nothing.
      Lincheck.runConcurrentTest(LINCHECK_INVOCATIONS, () -> LostZapRace.run());
    } catch (LincheckAssertionError e) {
      String message = String.valueOf(e.getMessage());
      found = message.contains("lost zap");
      report = firstLines(message, 14);
    }
    double millis = (System.nanoTime() - start) / 1e6;
    return new LincheckRound(millis, LostZapRace.runs(), found, report);
  }

  static String firstLines(String text, int lines) {
    String[] split = text.strip().split("\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(lines, split.length); i++) {
      String line = split[i];
      out.append(line.length() > 160 ? line.substring(0, 160) + " ..." : line).append('\n');
    }
    return out.toString();
  }

  /** The version in the name of the jar Lincheck was loaded from ({@code lincheck-3.7.jar}). */
  static String lincheckVersion() {
    try {
      String jar =
          Path.of(Lincheck.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .getFileName()
              .toString();
      return jar.replaceFirst("^lincheck-", "").replaceFirst("\\.jar$", "");
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return "(unknown version)";
    }
  }
}
