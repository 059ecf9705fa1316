package dev.walkspec.pipeline;

import dev.walkspec.parse.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Measures load + parse + assemble + check of the generated large spec ({@link LargeSpec}): the
 * first run in a fresh JVM (cold: class loading, ANTLR's ATN deserialisation, JIT warm-up) and the
 * median of later runs (warm). A program, not a test, so no build depends on a timing:
 *
 * <pre>
 * java -cp generator/target/test-classes:generator/target/classes:$(cat cp.txt) \
 *     dev.walkspec.pipeline.ParseCheckTiming [runs]
 * </pre>
 */
public final class ParseCheckTiming {
  private ParseCheckTiming() {}

  public static void main(String[] args) throws IOException {
    long jvmStart =
        ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Path dir = Files.createTempDirectory("walkspec-timing");
    Path file = dir.resolve("large.walk");
    String text = LargeSpec.text();
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Pipeline pipeline = new Pipeline(new SpecLoader(dir, List.of()));

    long[] nanos = new long[runs];
    long firstDone = 0;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      CheckOutcome outcome = pipeline.check(file);
      nanos[i] = System.nanoTime() - t0;
      if (i == 0) {
        firstDone = System.currentTimeMillis();
      }
      if (!outcome.diagnostics().isEmpty()) {
        throw new IllegalStateException("the large spec has diagnostics: " + outcome.diagnostics());
      }
    }
    long[] warm = Arrays.copyOfRange(nanos, runs / 2, runs);
    Arrays.sort(warm);
    System.out.printf(
        "%d lines, %d bytes%n"
            + "cold: first run in a fresh JVM %.0f ms (JVM start to its end: %s)%n"
            + "warm: median of the last %d of %d runs %.1f ms (min %.1f, max %.1f)%n",
        text.lines().count(),
        text.getBytes(StandardCharsets.UTF_8).length,
        nanos[0] / 1e6,
        jvmStart == 0 ? "unknown" : (firstDone - jvmStart) + " ms",
        warm.length,
        runs,
        warm[warm.length / 2] / 1e6,
        warm[0] / 1e6,
        warm[warm.length - 1] / 1e6);
    Files.delete(file);
    Files.delete(dir);
  }
}
