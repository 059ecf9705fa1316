package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 4: Ctrl-C in the middle of {@code walkspec conform} (SIGINT to its JVM, as a
 * terminal sends it) leaves no temporary directory and no unfinished status line. The run is a real
 * {@code walkspec} JVM with two suite workers and its own temporary directory. Signals are POSIX:
 * the test runs where {@code kill -INT} exists.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class InterruptTest {
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @Test
  void ctrl_c_while_suites_run_removes_every_temporary_directory(@TempDir Path dir)
      throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path err = dir.resolve("stderr.txt");
    Process walkspec =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "conform",
                "--no-cache",
                "--threads",
                "2",
                "--handlers",
                "x86",
                "-o",
                dir.resolve("report").toString(),
                "kvm.walk")
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(err.toFile())
            .start();
    try {
      // The suites run once jqwik's database directories exist: this JVM's session's and the
      // isolated worker's (whose own copy of TempDirs removes it on the way out).
      awaitTrue(walkspec, err, () -> count(tmp, "walkspec-jqwik") >= 2);

      new ProcessBuilder("kill", interruptSignal(), Long.toString(walkspec.pid()))
          .start()
          .waitFor();

      assertThat(walkspec.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      try (Stream<Path> left = Files.list(tmp)) {
        assertThat(left.map(p -> p.getFileName().toString()))
            .as("temporary files left behind")
            .noneMatch(name -> name.startsWith("walkspec-"));
      }
      String stderr = Files.readString(err);
      // A status line, if one was shown by then (they come every 10 s), is finished.
      assertThat(stderr).as("stderr").matches("(?s)(.*\n)?");
      assertThat(dir.resolve("report")).doesNotExist();
    } finally {
      walkspec.destroyForcibly();
    }
  }

  /**
   * Ctrl-C sends SIGINT. A process started in the background by a shell without job control (a CI
   * runner's script, {@code cmd &}) inherits SIGINT ignored, passes that on to its children, and a
   * JVM that starts with SIGINT ignored keeps ignoring it: there the run would simply finish. Then
   * SIGTERM stands in for it, which the JVM handles alike (shutdown hooks, then exit).
   */
  private static String interruptSignal() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        // A hex mask of the ignored signals: bit n - 1 for signal n, SIGINT being 2.
        long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
        return (ignored & 0b10) != 0 ? "-TERM" : "-INT";
      }
    }
    return "-INT";
  }

  private static long count(Path tmp, String prefix) {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private interface Condition {
    boolean holds();
  }

  private static void awaitTrue(Process walkspec, Path err, Condition condition)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.holds()) {
      if (!walkspec.isAlive()) {
        throw new AssertionError(
            "walkspec ended (exit " + walkspec.exitValue() + ") early: " + Files.readString(err));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the run did not reach its suites in " + PATIENCE);
      }
      Thread.sleep(100);
    }
  }
}
