package dev.walkspec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.cli.CommonOptions.Format;
import dev.walkspec.semantics.Interpreter;
import dev.walkspec.semantics.Scenario;
import dev.walkspec.semantics.ScenarioException;
import dev.walkspec.semantics.ScenarioJson;
import dev.walkspec.semantics.Trace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code walkspec trace SPEC --scenario F.json | --scenarios F.jsonl}: the reference trace. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = "Run the reference semantics of a spec on scenarios and print the event traces.",
    footer = {
      "",
      "Examples:",
      "  walkspec trace spec/src/main/walkspec/kvm.walk --scenario young.json",
      "  walkspec trace kvm.walk --scenarios many.jsonl --format jsonl",
      "",
      "The scenario format is described in docs/scenarios.md.",
      "Exit codes: 0 traced, 1 a spec or scenario error (named with line and key), 2 usage."
    })
final class TraceCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file (.walk).")
  Path spec;

  @ArgGroup(multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--scenario", paramLabel = "FILE", description = "One scenario (JSON).")
    Path scenario;

    @Option(names = "--scenarios", paramLabel = "FILE", description = "Scenarios, one per line.")
    Path scenarios;
  }

  @Option(
      names = {"-I", "--import-path"},
      paramLabel = "DIR",
      description = "Another directory to look for imported files in.")
  List<Path> importPath = new ArrayList<>();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    common.format("trace", Format.text, Format.json, Format.jsonl);
    Optional<CheckedSpec> checked = SpecArguments.load(spec, importPath, err);
    if (checked.isEmpty()) {
      return Main.FINDINGS;
    }
    Interpreter interpreter = new Interpreter(checked.get());
    Path file = input.scenario != null ? input.scenario : input.scenarios;
    if (!Files.isRegularFile(file)) {
      err.println("walkspec: cannot read " + file + ": no such file");
      return Main.FINDINGS;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (input.scenario != null) {
      return traceOne(interpreter, file, String.join("\n", lines), out, err);
    }
    return traceEach(interpreter, file, lines, out, err);
  }

  private int traceOne(
      Interpreter interpreter, Path file, String text, PrintWriter out, PrintWriter err) {
    try {
      Scenario scenario = ScenarioJson.read(text, file.getFileName().toString());
      print(scenario, interpreter.run(scenario), out, false);
      return Main.OK;
    } catch (ScenarioException e) {
      err.println(file + ": " + e.getMessage());
      return Main.FINDINGS;
    }
  }

  private int traceEach(
      Interpreter interpreter, Path file, List<String> lines, PrintWriter out, PrintWriter err) {
    int code = Main.OK;
    ArrayNode array = MAPPER.createArrayNode();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        Scenario scenario = ScenarioJson.read(lines.get(i), "line-" + (i + 1));
        Trace trace = interpreter.run(scenario);
        if (common.format == Format.json) {
          array.add(json(scenario, trace));
        } else {
          print(scenario, trace, out, true);
        }
      } catch (ScenarioException e) {
        err.println(file + ":" + (i + 1) + ": " + e.getMessage());
        code = Main.FINDINGS;
      }
    }
    if (common.format == Format.json) {
      // json is one document: the traces as one array (jsonl gives them one per line).
      out.println(ExploreCommand.write(MAPPER, array));
    }
    return code;
  }

  private void print(Scenario scenario, Trace trace, PrintWriter out, boolean many) {
    if (common.format == Format.jsonl) {
      out.println(json(scenario, trace));
      return;
    }
    if (common.format == Format.json) {
      out.println(ExploreCommand.write(MAPPER, json(scenario, trace)));
      return;
    }
    if (many) {
      out.println("# " + scenario.id());
    }
    out.print(trace.text());
  }

  private static JsonNode json(Scenario scenario, Trace trace) {
    try {
      return MAPPER.readTree(ScenarioJson.traceLine(scenario.id(), trace));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a trace's JSON did not parse back", e);
    }
  }
}
