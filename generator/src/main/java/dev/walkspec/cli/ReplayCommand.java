package dev.walkspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.runtime.explore.Budget;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.explore.Invariants;
import dev.walkspec.runtime.explore.Schedule;
import dev.walkspec.runtime.explore.Strategy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code walkspec replay SCENARIO@SCHEDULE}: run one schedule of a catalogue scenario. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Run one schedule of a catalogue scenario, given as the replay string a counterexample"
            + " printed, and print the failure it reproduces.",
    footer = {
      "",
      "A replay string is SCENARIO@SEGMENTS: each segment ACTOR or ACTOR*COUNT (actor numbers"
          + " in scenario order) runs that actor that many steps; then the running actor goes on"
          + " while it can, else the lowest-numbered one. '-' is the default schedule.",
      "",
      "Examples:",
      "  walkspec replay 'lost-write-protect@0*4.1*7.0'",
      "  walkspec replay 'age-vs-zap@0*6.1*5.0' --format json",
      "",
      "Exit codes: 0 the run passed, 1 it failed (the report is printed), 2 usage."
    })
final class ReplayCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

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
    if (common.format != CommonOptions.Format.text) {
      ObjectMapper mapper = new ObjectMapper();
      out.println(
          common.format == CommonOptions.Format.jsonl
              ? ExploreCommand.json(mapper, result).toString()
              : ExploreCommand.write(mapper, ExploreCommand.json(mapper, result)));
    } else if (result.failed()) {
      out.print(result.counterexample().get().report());
    } else {
      out.println(
          "replay of "
              + schedule
              + ": no failure in "
              + result.steps()
              + (result.steps() == 1 ? " step" : " steps"));
    }
    return result.failed() ? Main.FINDINGS : Main.OK;
  }
}
