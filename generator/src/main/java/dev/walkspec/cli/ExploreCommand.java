package dev.walkspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walkspec.runtime.explore.Budget;
import dev.walkspec.runtime.explore.Counterexample;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.explore.Invariants;
import dev.walkspec.runtime.explore.Scenario;
import dev.walkspec.runtime.explore.Strategy;
import dev.walkspec.runtime.explore.examples.Catalogue;
import dev.walkspec.suite.ExploredFailure;
import dev.walkspec.suite.InconclusiveExploration;
import dev.walkspec.suite.Shell;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code walkspec explore SCENARIO...}: explore the schedules of catalogue scenarios, or (with
 * {@code --spec}) of the explored scenarios of a generated handler suite.
 */
@Command(
    name = "explore",
    mixinStandardHelpOptions = true,
    description =
        "Explore the schedules of scenarios and print the first counterexample: the obligation"
            + " it breaks, a per-actor step table, the replay string and a JUnit test that replays"
            + " it. With --spec and handlers, the scenarios of the generated handler suites"
            + " (aging-vs-zap, unmap-vs-root-free, ...) run on those handlers, explored as the"
            + " suite explores them (every schedule up to its preemption bound); without, the"
            + " explorer's catalogue (example handlers, some with planted bugs).",
    footer = {
      "",
      "Examples:",
      "  walkspec explore --list",
      "  walkspec explore lost-write-protect",
      "  walkspec explore age-vs-zap --preemption-bound 3",
      "  walkspec explore lost-zap-xchg --strategy pct --pct-runs 5000 --seed 7",
      "  walkspec explore lost-zap --format json",
      "  walkspec explore --spec kvm.walk --handlers TdpUnmapWalksFreedRoot unmap-vs-root-free",
      "  walkspec explore --spec src/main/walkspec/kvm.walk --handler age=com.example.MyAge"
          + " --classpath target/classes --binding 'clear_young[x86]' aging-vs-zap",
      "",
      "Replay a printed schedule with:",
      "  walkspec replay 'lost-write-protect@0*4.1*7.0'",
      "",
      "Exit codes: 0 no failure found, 1 a counterexample (or a failure explained in one line),"
          + " 2 usage."
    })
final class ExploreCommand implements Callable<Integer> {
  /** The search strategies of the command line. */
  enum Search {
    dfs,
    pct
  }

  @Mixin CommonOptions common;

  @Mixin SuiteOptions suite;

  @Parameters(
      paramLabel = "SCENARIO",
      arity = "0..*",
      description = "Catalogue scenarios to explore (see --list).")
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--list", description = "List the catalogue's scenarios and exit.")
  boolean list;

  @Option(
      names = "--strategy",
      paramLabel = "dfs|pct",
      description =
          "dfs: every schedule up to the preemption bound, up to equivalence (default);"
              + " pct: random PCT runs (the default when only --pct-* options are given).")
  Search strategy;

  @Option(
      names = "--preemption-bound",
      paramLabel = "N",
      defaultValue = "2",
      description = "DFS: explore bounds 0..N (default: ${DEFAULT-VALUE}).")
  int bound;

  @Option(
      names = "--pct-runs",
      paramLabel = "N",
      description = "PCT: number of runs (default: 1000).")
  Integer pctRuns;

  @Option(
      names = "--pct-depth",
      paramLabel = "D",
      description = "PCT: bug depth, D-1 priority change points per run (default: 3).")
  Integer pctDepth;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "PCT: the seed; the same seed gives the same runs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Steps one run may take; an actor still going is reported as retrying without bound"
              + " (H4) (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(
      names = "--time",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "Wall-clock budget of each exploration (default: ${DEFAULT-VALUE}); a search it stops"
              + " before its end exits with 4 (inconclusive), never 0.")
  int seconds;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    if (list) {
      printList(out);
      return Main.OK;
    }
    if (scenarios.isEmpty()) {
      throw new UsageException("name a scenario to explore (walkspec explore --list shows them)");
    }
    if (suite.suiteMode()) {
      return exploreSuite(out);
    }
    Strategy chosen = strategy();
    Budget budget = budget();
    List<Scenario> resolved = new ArrayList<>();
    for (String name : scenarios) {
      resolved.add(resolve(name));
    }
    List<ExplorationResult> results = new ArrayList<>();
    for (Scenario scenario : resolved) {
      results.add(Explorer.explore(scenario, chosen, Invariants.standard(), budget));
    }
    print(results, out, List.of());
    if (results.stream().anyMatch(ExplorationResult::failed)) {
      return Main.FINDINGS;
    }
    return inconclusive(results);
  }

  /**
   * A search the wall clock stopped (a stop reason and no failure) saw only part of its schedules:
   * that is no pass, so it gets its own exit code and a line on stderr saying what to raise.
   */
  private int inconclusive(List<ExplorationResult> results) {
    List<String> cut =
        results.stream()
            .filter(r -> r.stopReason() != null)
            .map(ExplorationResult::scenario)
            .toList();
    if (cut.isEmpty()) {
      return Main.OK;
    }
    command
        .commandLine()
        .getErr()
        .println(
            "walkspec: inconclusive: "
                + String.join(", ", cut)
                + " stopped on the "
                + seconds
                + " s budget before the end of the search; not a pass (raise --time)");
    return Main.INCONCLUSIVE;
  }

  private UnaryOperator<String> reproduce() {
    return suite.suiteMode() ? suite::replayCommand : ExploreCommand::catalogueCommand;
  }

  /** Each scenario explored by its generated suite, the way the suite's test explores it. */
  private int exploreSuite(PrintWriter out) {
    List<ExplorationResult> results = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    boolean cutShort = false;
    for (String name : scenarios) {
      try (ExploredSuites.Loaded loaded = suite.load(name)) {
        try {
          results.add(loaded.suite().explore(name));
          reports.add(null);
        } catch (ExploredFailure failure) {
          results.add(failure.result());
          reports.add(suite.withCommand(failure));
        } catch (InconclusiveExploration cut) {
          // Stopped on its budget: no verdict for this scenario (issue 19).
          command.commandLine().getErr().println(cut.getMessage());
          cutShort = true;
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot remove the suite's classes: " + e.getMessage(), e);
      }
    }
    print(results, out, reports);
    if (results.stream().anyMatch(ExplorationResult::failed)) {
      return Main.FINDINGS;
    }
    return cutShort ? Main.INCONCLUSIVE : Main.OK;
  }

  private Strategy strategy() {
    if (bound < 0) {
      throw new UsageException("--preemption-bound must be 0 or more, got " + bound);
    }
    if (maxSteps < 1 || seconds < 1) {
      throw new UsageException("--max-steps and --time must be 1 or more");
    }
    boolean pctOptions = pctRuns != null || pctDepth != null;
    Search search = strategy != null ? strategy : pctOptions ? Search.pct : Search.dfs;
    if (search == Search.dfs) {
      return Strategy.dfs(bound);
    }
    int runs = pctRuns == null ? 1000 : pctRuns;
    int depth = pctDepth == null ? 3 : pctDepth;
    if (runs < 1 || depth < 1) {
      throw new UsageException("--pct-runs and --pct-depth must be 1 or more");
    }
    return Strategy.pct(depth, runs, seed);
  }

  private Budget budget() {
    return Budget.defaults().withStepsPerRun(maxSteps).withWallClock(Duration.ofSeconds(seconds));
  }

  static Scenario resolve(String name) {
    if (name.endsWith(".walk")) {
      throw new UsageException(
          "a spec goes with --spec SPEC and handlers (--handlers SET, or --handler KIND=CLASS"
              + " --classpath DIR), followed by the suite's scenario names");
    }
    if (!Catalogue.names().contains(name) && SuiteOptions.isSuiteScenario(name)) {
      throw SuiteOptions.needsSuite(name);
    }
    if (!Catalogue.names().contains(name)) {
      throw new UsageException(
          "no scenario '"
              + name
              + "' in the catalogue"
              + Suggestions.didYouMean(name, Catalogue.names())
              + " (known: "
              + String.join(", ", Catalogue.names())
              + ")");
    }
    return Catalogue.scenario(name);
  }

  private void printList(PrintWriter out) {
    if (common.format == CommonOptions.Format.text) {
      for (String name : Catalogue.names()) {
        out.println(name + "  " + Catalogue.scenario(name).description());
      }
      return;
    }
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (String name : Catalogue.names()) {
      ObjectNode node = array.addObject();
      node.put("name", name);
      node.put("description", Catalogue.scenario(name).description());
      node.put("actors", String.join(",", Catalogue.scenario(name).actorNames()));
    }
    if (common.format == CommonOptions.Format.jsonl) {
      array.forEach(out::println);
    } else {
      out.println(write(mapper, array));
    }
  }

  /** The results; a non-null report replaces a counterexample's own (a suite's adds lines). */
  private void print(List<ExplorationResult> results, PrintWriter out, List<String> reports) {
    if (common.format == CommonOptions.Format.text) {
      for (int i = 0; i < results.size(); i++) {
        ExplorationResult result = results.get(i);
        String report = i < reports.size() ? reports.get(i) : null;
        out.println(result.summary());
        result
            .counterexample()
            .ifPresent(c -> out.print("\n" + (report == null ? c.report() : report)));
      }
      return;
    }
    ObjectMapper mapper = new ObjectMapper();
    if (results.size() == 1 || common.format == CommonOptions.Format.jsonl) {
      for (ExplorationResult result : results) {
        out.println(
            common.format == CommonOptions.Format.jsonl
                ? json(mapper, result, reproduce()).toString()
                : write(mapper, json(mapper, result, reproduce())));
      }
      return;
    }
    ArrayNode array = mapper.createArrayNode();
    results.forEach(result -> array.add(json(mapper, result, reproduce())));
    out.println(write(mapper, array));
  }

  /** The command that replays a catalogue counterexample. */
  static String catalogueCommand(String replay) {
    return "walkspec replay " + Shell.quote(replay);
  }

  static ObjectNode json(ObjectMapper mapper, ExplorationResult result) {
    return json(mapper, result, ExploreCommand::catalogueCommand);
  }

  /** The result as JSON; {@code reproduce} gives the command that replays a counterexample. */
  static ObjectNode json(
      ObjectMapper mapper, ExplorationResult result, UnaryOperator<String> reproduce) {
    ObjectNode node = mapper.createObjectNode();
    node.put("scenario", result.scenario());
    node.put("strategy", result.strategy());
    node.put("exhausted", result.exhausted());
    if (result.stopReason() == null) {
      node.putNull("stop_reason");
    } else {
      node.put("stop_reason", result.stopReason());
    }
    node.put("schedules", result.schedules());
    node.put("pruned", result.pruned());
    node.put("steps", result.steps());
    node.put("elapsed_ms", result.elapsed().toMillis());
    ArrayNode rounds = node.putArray("rounds");
    for (ExplorationResult.Round round : result.rounds()) {
      ObjectNode r = rounds.addObject();
      r.put("bound", round.bound());
      r.put("schedules", round.schedules());
      r.put("exhausted", round.exhausted());
    }
    if (result.counterexample().isEmpty()) {
      node.putNull("counterexample");
      return node;
    }
    Counterexample c = result.counterexample().get();
    ObjectNode ce = node.putObject("counterexample");
    ce.put("obligation", c.obligation());
    ArrayNode related = ce.putArray("related");
    c.related().forEach(related::add);
    ce.put("rule", c.rule());
    ce.put("message", c.message());
    ce.put("steps", c.steps());
    ce.put("preemptions", c.preemptions());
    ce.put("schedules_to_failure", c.schedulesToFailure());
    ce.put("found_by", c.foundBy());
    ce.put("replay", c.replay());
    ce.put("reproduce", reproduce.apply(c.replay()));
    ce.put("step_table", c.stepTable());
    // The same rows as data (issue 18 item 4), named as every key here is.
    ce.set(
        "step_rows",
        mapper
            .copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .valueToTree(c.stepRows()));
    ce.put("junit", c.junit());
    ce.put("report", c.report());
    return node;
  }

  static String write(ObjectMapper mapper, Object node) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
