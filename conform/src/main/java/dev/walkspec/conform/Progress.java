package dev.walkspec.conform;

import java.io.PrintWriter;

/**
 * What a conformance run tells a person at a terminal while it works: the phase, and how many tests
 * are done. Silent when the output is not a terminal (CI logs stay clean).
 */
public interface Progress {
  Progress SILENT =
      new Progress() {
        @Override
        public void phase(String what) {}

        @Override
        public void testDone(String name, boolean passed) {}
      };

  void phase(String what);

  void testDone(String name, boolean passed);

  /** One status line rewritten in place: phase, tests done, failures, seconds. */
  static Progress terminal(PrintWriter out) {
    long began = System.nanoTime();
    return new Progress() {
      private String phase = "";
      private int done;
      private int failed;

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

      private void show() {
        out.printf(
            "\r\u001b[2K%s: %d tests, %d failed, %.0f s",
            phase, done, failed, (System.nanoTime() - began) / 1e9);
        out.flush();
      }
    };
  }
}
