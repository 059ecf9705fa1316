package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * A command-line run asked for by a build tool (the plugin's explore goal): which subcommand, on
 * which specs, with which exploration bounds and further arguments. {@link #arguments} turns it
 * into the argument list of {@code walkspec}, with the specs resolved like a build resolves them
 * and the build's spec directories on the import path.
 *
 * @param command the subcommand: explore, diff, trace, check, ...
 * @param specs spec files, each relative to a spec directory or an unpacked artifact directory, or
 *     a path relative to the project directory; passed in this order before the other arguments
 * @param preemptionBound passed as {@code --preemption-bound} when set
 * @param pctRuns passed as {@code --pct-runs} when set
 * @param seed passed as {@code --seed} when set
 * @param arguments further arguments, passed last and unchanged
 */
@API(status = INTERNAL)
public record Exploration(
    String command,
    List<String> specs,
    OptionalInt preemptionBound,
    OptionalInt pctRuns,
    Optional<String> seed,
    List<String> arguments) {

  public Exploration {
    specs = List.copyOf(specs);
    arguments = List.copyOf(arguments);
    if (command == null || !command.matches("[a-z][a-z0-9-]*")) {
      throw new BuildProblem(
          "command '"
              + command
              + "' is not a walkspec subcommand; set walkspec.command to explore, diff or trace");
    }
    if (preemptionBound.isPresent() && preemptionBound.getAsInt() < 0) {
      throw new BuildProblem("preemptionBound must be 0 or more");
    }
    if (pctRuns.isPresent() && pctRuns.getAsInt() < 1) {
      throw new BuildProblem("pctRuns must be 1 or more");
    }
  }

  /** The {@code walkspec} argument list, for {@code dev.walkspec.cli.Main.run}. */
  public List<String> arguments(BuildRequest build) {
    List<String> args = new ArrayList<>();
    args.add(command);
    List<Path> importPath = List.of();
    if (!specs.isEmpty()) {
      List<Path> unpacked = new ArrayList<>();
      for (SpecArchive archive : build.specArchives()) {
        unpacked.add(SpecArchives.unpack(archive, build.unpackDirectory()));
      }
      importPath = SpecSources.resolve(build.specDirectories(), unpacked, List.of()).importPath();
      for (Path dir : importPath) {
        args.add("-I");
        args.add(dir.toString());
      }
    }
    preemptionBound.ifPresent(n -> args.addAll(List.of("--preemption-bound", "" + n)));
    pctRuns.ifPresent(n -> args.addAll(List.of("--pct-runs", "" + n)));
    seed.ifPresent(s -> args.addAll(List.of("--seed", s)));
    for (String spec : specs) {
      args.add(resolve(spec, build.baseDir(), importPath).toString());
    }
    args.addAll(arguments);
    return List.copyOf(args);
  }

  private static Path resolve(String spec, Path baseDir, List<Path> importPath) {
    Path asGiven = baseDir.resolve(spec.trim()).toAbsolutePath().normalize();
    if (Files.isRegularFile(asGiven)) {
      return asGiven;
    }
    return SpecSources.find(spec, importPath);
  }

  /**
   * Splits a command-line string into arguments: whitespace separates, single or double quotes
   * group, a backslash escapes the next character.
   */
  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    if (line == null) {
      return out;
    }
    StringBuilder current = new StringBuilder();
    boolean inArgument = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && quote != '\'') {
        current.append(line.charAt(++i));
        inArgument = true;
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inArgument = true;
      } else if (Character.isWhitespace(c)) {
        if (inArgument) {
          out.add(current.toString());
          current.setLength(0);
          inArgument = false;
        }
      } else {
        current.append(c);
        inArgument = true;
      }
    }
    if (quote != 0) {
      throw new BuildProblem("walkspec.args has an unclosed " + quote + " quote; close it");
    }
    if (inArgument) {
      out.add(current.toString());
    }
    return out;
  }
}
