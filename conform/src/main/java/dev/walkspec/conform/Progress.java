package dev.walkspec.conform;

import java.io.PrintWriter;

/**
 * What a conformance run tells a person at a terminal while it works: the phase, how many tests are
 * done and failed, how many schedules the explorer ran, the elapsed seconds. Silent when the output
 * is not a terminal (CI logs stay clean).
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

  void phase(String what);

  void testDone(String name, boolean passed);

  /** An explored test ran this many schedules. */
  void schedulesDone(long schedules);

  /** One status line rewritten in place: phase, tests done, failures, seconds. */
  static Progress terminal(PrintWriter out) {
    long began = System.nanoTime();
    return new Progress() {
      private String phase = "";
      private int done;
      private int failed;
      private long schedules;

      @Override
      public synchronized void phase(String what) {
        phase = what;
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

      private void show() {
        out.printf(
            "\r\u001b[2K%s: %d tests, %d failed, %d schedules explored, %.0f s",
            phase, done, failed, schedules, (System.nanoTime() - began) / 1e9);
        out.flush();
      }
    };
  }
}
