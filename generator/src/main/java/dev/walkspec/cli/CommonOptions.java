package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;
import picocli.CommandLine.Option;

/** Options every subcommand has. */
@API(status = INTERNAL)
public final class CommonOptions {
  /** Output for people, or for tools. */
  public enum Format {
    text,
    json,
    /** One JSON object per line (commands that stream results, like trace). */
    jsonl
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--debug", description = "Show stack traces of failures.")
  boolean debug;

  /** For subcommands outside this package (walkspec conform). */
  public Format format() {
    return format;
  }

  /**
   * The format, when {@code command} can give it; else a usage error (exit 2) naming the formats it
   * can give, so that no value of --format is silently read as another.
   */
  public Format format(String command, Format... supported) {
    List<Format> can = List.of(supported);
    if (!can.contains(format)) {
      throw new UsageException(
          command
              + " cannot give --format "
              + format
              + "; it gives "
              + String.join(" or ", can.stream().map(Format::name).toList()));
    }
    return format;
  }
}
