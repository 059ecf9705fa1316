package dev.walkspec.cli;

import dev.walkspec.semantics.SpecDiff;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What {@code walkspec diff} tells a person while it compares (up to a minute on the bundled
 * specs): which part of the small scope, of how many, and the seconds so far, always on stderr
 * (stdout is the diff, byte for byte). At a terminal, one line rewritten in place every second and
 * erased at the end; elsewhere (CI logs, a pipe) a line every 10 s. The same behaviour as conform's
 * progress (dev.walkspec.conform.Progress), which this module cannot use: conform depends on it.
 */
final class DiffProgress implements SpecDiff.Progress, AutoCloseable {
  /** How often the heartbeat speaks when stderr is not a terminal. */
  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  /** How often the terminal's line is redrawn, so that its seconds move between parts. */
  static final Duration TICK = Duration.ofSeconds(1);

  /** Clears the terminal's line, from its start. */
  static final String ERASE = "\r\u001b[2K";

  private final PrintWriter err;
  private final LongSupplier nanos;
  private final boolean terminal;
  private final long began;
  private ScheduledExecutorService timer;
  private String part = "starting";
  private long scenarios;
  private boolean shown;
  private boolean closed;

  DiffProgress(PrintWriter err, LongSupplier nanos, boolean terminal) {
    this.err = err;
    this.nanos = nanos;
    this.terminal = terminal;
    this.began = nanos.getAsLong();
  }

  /** The progress for {@code err}, with its timer running: in place at a terminal, else beats. */
  static DiffProgress start(boolean terminal, PrintWriter err) {
    DiffProgress progress = new DiffProgress(err, System::nanoTime, terminal);
    long every = (terminal ? TICK : HEARTBEAT).toMillis();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "walkspec-diff-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(progress::tick, every, every, TimeUnit.MILLISECONDS);
    progress.timer = timer;
    return progress;
  }

  @Override
  public synchronized void part(int number, int total, String what) {
    part = String.format(Locale.ROOT, "part %d of %d (%s)", number, total, what);
    if (terminal) {
      show();
    }
  }

  @Override
  public synchronized void scenarios(long count) {
    // Only counted: the line shows it on the next part or tick, not 500 times a second.
    scenarios = count;
  }

  /** The timer: the line redrawn at a terminal, a heartbeat line elsewhere. */
  synchronized void tick() {
    if (closed) {
      return;
    }
    if (terminal) {
      show();
    } else {
      err.println("walkspec diff: " + line());
      err.flush();
    }
  }

  /** "part 3 of 14 (C4 clear_young on x86), 466,944 scenarios, 12 s". */
  synchronized String line() {
    return String.format(
        Locale.ROOT,
        "%s, %,d scenarios, %.0f s",
        part,
        scenarios,
        (nanos.getAsLong() - began) / 1e9);
  }

  private void show() {
    if (!closed) {
      err.print(ERASE + "diff: " + line());
      err.flush();
      shown = true;
    }
  }

  /** Stops the timer and erases the terminal's line, so that only the diff stays. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
    if (shown) {
      err.print(ERASE);
      err.flush();
    }
  }
}
