package dev.walkspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.runtime.explore.Budget;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.explore.Invariants;
import dev.walkspec.runtime.explore.Schedule;
import dev.walkspec.runtime.explore.Strategy;
import dev.walkspec.suite.ExploredFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code walkspec replay SCENARIO@SCHEDULE}: run one schedule of a catalogue scenario, or (with
 * {@code --spec}) of an explored scenario of a generated handler suite.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Run one schedule of a scenario, given as the replay string a counterexample printed, and"
            + " print the failure it reproduces: a scenario of the generated handler suites (with"
            + " --spec and the handlers, as walkspec conform, a downstream build's tests and the"
            + " report print it) or of the explorer's catalogue.",
    footer = {
      "",
      "A replay string is SCENARIO@SEGMENTS: each segment ACTOR or ACTOR*COUNT (actor numbers"
          + " in scenario order) runs that actor that many steps; then the running actor goes on"
          + " while it can, else the lowest-numbered one. '-' is the default schedule.",
      "",
      "Examples:",
      "  walkspec replay --spec kvm.walk --handlers TdpUnmapWalksFreedRoot"
          + " 'unmap-vs-root-free@0*316.1'",
      "  walkspec replay --spec src/main/walkspec/kvm.walk --binding 'clear_young[x86]'"
          + " --handler age=com.example.MyAge --classpath target/classes 'aging-vs-zap@0*6.1'",
      "  walkspec replay 'lost-write-protect@0*4.1*7.0'",
      "  walkspec replay 'age-vs-zap@0*6.1*5.0' --format json",
      "",
      "Exit codes: 0 the run passed, 1 it failed (the report is printed), 2 usage, 4 its budget"
          + " stopped it before the end (inconclusive)."
    })
final class ReplayCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin SuiteOptions suite;

  @Parameters(
      index = "0",
      paramLabel = "REPLAY",
      description = "A replay string, e.g. lost-write-protect@0*4.1*7.0.")
  String replay;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    Schedule schedule;
    try {
      schedule = Schedule.parse(replay);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (schedule.scenario() == null) {
      throw new UsageException(
          "the replay string '" + replay + "' names no scenario (SCENARIO@SCHEDULE)");
    }
    ExplorationResult result;
    String report;
    if (suite.suiteMode()) {
      try (ExploredSuites.Loaded loaded = suite.load(schedule.scenario())) {
        try {
          result = loaded.suite().replay(replay);
          report = null;
        } catch (ExploredFailure failure) {
          result = failure.result();
          report = suite.withCommand(failure);
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot remove the suite's classes: " + e.getMessage(), e);
      }
    } else {
      if (SuiteOptions.isSuiteScenario(schedule.scenario())) {
        throw SuiteOptions.needsSuite(schedule.scenario());
      }
      try {
        result =
            Explorer.explore(
                ExploreCommand.resolve(schedule.scenario()),
                Strategy.replay(replay),
                Invariants.standard(),
                Budget.defaults());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      report = result.counterexample().map(c -> c.report()).orElse(null);
    }
    UnaryOperator<String> reproduce =
        suite.suiteMode() ? suite::replayCommand : ExploreCommand::catalogueCommand;
    if (common.format != CommonOptions.Format.text) {
      ObjectMapper mapper = new ObjectMapper();
      out.println(
          common.format == CommonOptions.Format.jsonl
              ? ExploreCommand.json(mapper, result, reproduce).toString()
              : ExploreCommand.write(mapper, ExploreCommand.json(mapper, result, reproduce)));
    } else if (result.failed()) {
      out.print(report);
    } else if (result.exhausted()) {
      out.println(
          "replay of "
              + schedule
              + ": no failure in "
              + result.steps()
              + (result.steps() == 1 ? " step" : " steps"));
    }
    if (result.failed()) {
      return Main.FINDINGS;
    }
    // A replay that did not run its schedule to the end decides nothing (issue 19).
    if (!result.exhausted()) {
      command
          .commandLine()
          .getErr()
          .println(
              "walkspec: inconclusive: the replay of "
                  + schedule
                  + " stopped on its "
                  + (result.stopReason() == null ? "budget" : result.stopReason())
                  + " before the schedule ran to its end; not a pass");
      return Main.INCONCLUSIVE;
    }
    return Main.OK;
  }
}
