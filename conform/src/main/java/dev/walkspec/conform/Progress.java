package dev.walkspec.conform;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a conformance run tells a person while it works: the phase, how many suites of how many are
 * done and which cell's suite began last, how many tests are done and failed, how many schedules
 * the explorer ran, the elapsed seconds and, from the suites done, about how long the rest takes.
 * At a terminal, one status line rewritten in place; elsewhere (CI logs, a pipe) a heartbeat line
 * every 10 s, so a long run is seen to be alive without flooding the log.
 */
public interface Progress {
  Progress SILENT =
      new Progress() {
        @Override
        public void phase(String what) {}

        @Override
        public void testDone(String name, boolean passed) {}

        @Override
        public void schedulesDone(long schedules) {}
      };

  /** How often the heartbeat speaks when the output is not a terminal. */
  Duration HEARTBEAT = Duration.ofSeconds(10);

  void phase(String what);

  void testDone(String name, boolean passed);

  /** An explored test ran this many schedules. */
  void schedulesDone(long schedules);

  /** The run will run {@code total} suites; the line then counts them and estimates the rest. */
  default void suitesPlanned(int total) {}

  /** A worker began the suite of {@code cell} ("TdpUnmapReturnsFalse on kvm"). */
  default void suiteStarted(String cell) {}

  default void suiteDone() {}

  /** The run is over (or interrupted): end the status line, stop the heartbeat. Idempotent. */
  default void end() {}

  /**
   * The progress for {@code err}: in place when it is a terminal, else a heartbeat every {@link
   * #HEARTBEAT} on a daemon thread.
   */
  static Progress of(boolean terminal, PrintWriter err) {
    if (terminal) {
      return new Status(err, System::nanoTime, true);
    }
    Status heartbeat = new Status(err, System::nanoTime, false);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "walkspec-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = HEARTBEAT.toMillis();
    timer.scheduleAtFixedRate(heartbeat::beat, every, every, TimeUnit.MILLISECONDS);
    heartbeat.onEnd(timer::shutdownNow);
    return heartbeat;
  }

  /** One status line rewritten in place: phase, tests done, failures, seconds. */
  static Progress terminal(PrintWriter out) {
    return new Status(out, System::nanoTime, true);
  }

  /**
   * The counts and their one-line rendering; {@code terminal} rewrites the line on each event,
   * otherwise a line is printed only on {@link #beat} (the clock is given, for tests).
   */
  final class Status implements Progress {
    private final PrintWriter out;
    private final LongSupplier nanos;
    private final boolean terminal;
    private final long began;
    private String phase = "starting";
    private int done;
    private int failed;
    private long schedules;
    private int suites;
    private int suitesDone;
    private long suitesBegan;
    private String cell = "";
    private boolean shown;
    private boolean ended;
    private Runnable onEnd = () -> {};

    Status(PrintWriter out, LongSupplier nanos, boolean terminal) {
      this.out = out;
      this.nanos = nanos;
      this.terminal = terminal;
      this.began = nanos.getAsLong();
    }

    synchronized void onEnd(Runnable action) {
      onEnd = action;
    }

    @Override
    public synchronized void phase(String what) {
      phase = what;
      // Suites are counted while they run; the phases after them have their own counts.
      suites = 0;
      show();
    }

    @Override
    public synchronized void testDone(String name, boolean passed) {
      done++;
      failed += passed ? 0 : 1;
      show();
    }

    @Override
    public synchronized void schedulesDone(long count) {
      schedules += count;
      show();
    }

    @Override
    public synchronized void suitesPlanned(int total) {
      suites = total;
      suitesDone = 0;
      suitesBegan = nanos.getAsLong();
      show();
    }

    @Override
    public synchronized void suiteStarted(String name) {
      cell = name;
      show();
    }

    @Override
    public synchronized void suiteDone() {
      suitesDone++;
      show();
    }

    /** The heartbeat: the counts as one line of their own. */
    public synchronized void beat() {
      if (!ended) {
        out.println("walkspec conform: " + line());
        out.flush();
      }
    }

    @Override
    public synchronized void end() {
      if (ended) {
        return;
      }
      ended = true;
      onEnd.run();
      if (terminal && shown) {
        out.println();
        out.flush();
      }
    }

    String line() {
      long now = nanos.getAsLong();
      String counts =
          String.format(
              Locale.ROOT,
              "%,d tests, %,d failed, %,d schedules explored, %.0f s",
              done,
              failed,
              schedules,
              (now - began) / 1e9);
      if (suites == 0) {
        return phase + ": " + counts;
      }
      return String.format(
          Locale.ROOT,
          "%s: suite %,d of %,d (%s), %s%s",
          phase,
          Math.min(suitesDone + 1, suites),
          suites,
          cell,
          counts,
          left(now));
    }

    /**
     * ", about 40 s left", from the pace of the suites done so far; nothing until a twentieth of
     * them is done (explorations differ widely in cost, so an early guess would mislead).
     */
    private String left(long now) {
      if (suitesDone == 0 || suitesDone < suites / 20 || suitesDone >= suites) {
        return "";
      }
      double perSuite = (now - suitesBegan) / 1e9 / suitesDone;
      return String.format(Locale.ROOT, ", about %.0f s left", perSuite * (suites - suitesDone));
    }

    private void show() {
      if (terminal && !ended) {
        out.print("\r\u001b[2K" + line());
        out.flush();
        shown = true;
      }
    }
  }
}
