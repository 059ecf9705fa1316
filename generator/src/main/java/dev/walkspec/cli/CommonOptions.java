package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

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
}
