package dev.walkspec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.diag.SourceFile;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one fuzz input through the whole front end (read, parse, assemble, check) from a file in a
 * directory that also holds clean copies of the bundled specs, so a mutated variant still finds
 * {@code kvm.walk}. For every input: nothing escapes but diagnostics, each with a known code, a
 * message without an unfilled placeholder and a position inside the file it names; the printer can
 * show each with its caret; and the run ends (a stuck run fails the input after {@link
 * #TERMINATION_BOUND_SECONDS}, a liveness bound rather than a timing assertion: correct runs take
 * milliseconds).
 */
final class FuzzHarness {
  /** A run still going after this long is a hang, reported as a failure of the input. */
  static final long TERMINATION_BOUND_SECONDS = 120;

  /** Inputs run per fuzz kind in this JVM, for the report. */
  static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  private static Path dir;
  private static final AtomicLong NEXT = new AtomicLong();
  private static final ExecutorService RUNNER =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(null, r, "fuzz-runner", 0);
            t.setDaemon(true);
            return t;
          });

  private FuzzHarness() {}

  /** The scratch directory with the bundled specs, made once per JVM. */
  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("walkspec-fuzz-");
        for (Path spec : BundledSpecs.files()) {
          Files.copy(spec, dir.resolve(spec.getFileName().toString()));
        }
        dir.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** The text of a bundled spec. */
  static String bundled(String name) {
    try {
      return Files.readString(BundledSpecs.file(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CheckOutcome checkText(String kind, String text) {
    return check(kind, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Checks one input and asserts everything the fuzzing promises about it. */
  static CheckOutcome check(String kind, byte[] bytes) {
    Path file = dir().resolve("fuzz-" + NEXT.incrementAndGet() + ".walk");
    try {
      Files.write(file, bytes);
      CheckOutcome outcome = run(file);
      assertWellFormed(outcome, file.getFileName().toString());
      COUNTS.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
      return outcome;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the directory goes at exit
      }
    }
  }

  /**
   * The pipeline on its own thread (the default stack: depth is bounded by WS011, not by a big
   * stack).
   */
  static CheckOutcome run(Path file) {
    Future<CheckOutcome> future =
        RUNNER.submit(() -> new Pipeline(new SpecLoader(file.getParent(), List.of())).check(file));
    try {
      return future.get(TERMINATION_BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError(
          "the check of " + file + " did not end within " + TERMINATION_BOUND_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError("the check of " + file + " threw " + e.getCause(), e.getCause());
    }
  }

  static void assertWellFormed(CheckOutcome outcome, String rootName) {
    Map<String, SourceFile> sources = outcome.sources();
    for (Diagnostic d : outcome.diagnostics()) {
      assertThat(List.of(DiagnosticCode.values())).contains(d.code());
      assertThat(d.code().name()).matches("WS\\d{3}");
      assertThat(d.message()).as("%s", d).isNotBlank().doesNotContain("%s");
      SourceFile source = sources.get(d.pos().file());
      if (source == null) {
        // Only a file that could not be read has no source: the root, at 1:1.
        assertThat(d.pos().file()).as("%s", d).isEqualTo(rootName);
        assertThat(d.code()).isIn(DiagnosticCode.WS006, DiagnosticCode.WS007);
        assertThat(d.pos().line()).isEqualTo(1);
        assertThat(d.pos().column()).isEqualTo(1);
        continue;
      }
      assertThat(d.pos().line()).as("%s", d).isBetween(1, source.lineCount());
      assertThat(d.pos().column())
          .as("%s", d)
          .isBetween(1, source.line(d.pos().line()).length() + 1);
    }
    // Every diagnostic can be shown, with its caret, as text and as JSON.
    DiagnosticPrinter printer = new DiagnosticPrinter(sources);
    assertThat(printer.text(outcome.diagnostics())).isNotNull();
    assertThat(printer.json(outcome.diagnostics())).isNotNull();
    if (!outcome.hasErrors()) {
      assertThat(outcome.spec()).isPresent();
    }
  }

  static long count(String kind) {
    AtomicLong n = COUNTS.get(kind);
    return n == null ? 0 : n.get();
  }

  /**
   * The tries of a fuzz property: {@code normal} in the normal build, multiplied by the system
   * property {@code walkspec.fuzz.factor} (e.g. {@code -Dwalkspec.fuzz.factor=100} for a long run).
   */
  static int tries(int normal) {
    String factor = System.getProperty("walkspec.fuzz.factor", "1");
    long tries = normal * Long.parseLong(factor.trim());
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, tries));
  }
}
