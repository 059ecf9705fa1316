package dev.walkspec.conform;

import dev.walkspec.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * The one full conformance run of this module's tests: {@code walkspec conform} as a user runs it
 * (every bundled spec against every bundled handler set), through the command line, with its report
 * written to {@code target/walkspec-report}. The run takes minutes, so the tests that look at its
 * output share it.
 */
public final class FullRun {
  /** What the command printed and returned, and where it wrote the report. */
  public record Output(int exitCode, String out, String err, Path reportDir) {}

  private static Output output;

  private FullRun() {}

  public static synchronized Output get() {
    if (output == null) {
      Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/walkspec-report");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "conform",
              // The full run is the measured one (docs take its figures): never from a cache.
              "--no-cache",
              "--report",
              dir.toString());
      output = new Output(code, out.toString(), err.toString(), dir);
    }
    return output;
  }

  /** The repository's docs directory (the module's tests run in conform/). */
  public static Path docs() {
    Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    for (Path at = dir; at != null; at = at.getParent()) {
      if (java.nio.file.Files.isRegularFile(at.resolve("docs/language.md"))) {
        return at.resolve("docs");
      }
    }
    throw new IllegalStateException("no docs/ above " + dir);
  }
}
