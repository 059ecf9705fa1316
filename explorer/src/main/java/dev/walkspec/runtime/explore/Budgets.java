package dev.walkspec.runtime.explore;

import java.util.List;

/** The failure reported when a run exceeds its step budget: an actor that never stops (H4). */
final class Budgets {
  private Budgets() {}

  static Failure unbounded(RunContext run, List<Step> trace, int limit, int window) {
    int n = run.actorCount();
    int[] counts = new int[n];
    int from = Math.max(0, trace.size() - window);
    for (int i = from; i < trace.size(); i++) {
      counts[trace.get(i).actor()]++;
    }
    int blame = 0;
    for (int a = 1; a < n; a++) {
      if (counts[a] > counts[blame]) {
        blame = a;
      }
    }
    Step last = null;
    for (int i = trace.size() - 1; i >= 0 && last == null; i--) {
      if (trace.get(i).actor() == blame) {
        last = trace.get(i);
      }
    }
    return new Failure(
        "H4",
        List.of(),
        "step budget",
        "H4: actor '"
            + run.actorName(blame)
            + "' is still going after "
            + limit
            + " steps of the run ("
            + counts[blame]
            + " of the last "
            + (trace.size() - from)
            + " are its, the last: "
            + (last == null ? "none" : last.describe())
            + "): it retries a failed compare-and-swap, or spins, without bound",
        blame,
        trace.size());
  }
}
