package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.api.EntryCodec;
import java.util.List;

/** What one run did: its steps and decisions, and how it ended. */
final class RunOutcome {
  final List<Step> steps;
  final List<Decision> decisions;
  final List<Integer> chosen;
  final Failure failure;
  final boolean pruned;

  /**
   * Whether the wall-clock budget ran out while the run was going: it stopped at its actors' next
   * yield point, neither passing nor failing (issue 19).
   */
  final boolean cut;

  final int preemptions;

  /** How the run's world encodes page-table entries, to decode them in reports. */
  final EntryCodec codec;

  RunOutcome(
      List<Step> steps,
      List<Decision> decisions,
      List<Integer> chosen,
      Failure failure,
      boolean pruned,
      boolean cut,
      int preemptions,
      EntryCodec codec) {
    this.codec = codec;
    this.steps = steps;
    this.decisions = decisions;
    this.chosen = chosen;
    this.failure = failure;
    this.pruned = pruned;
    this.cut = cut;
    this.preemptions = preemptions;
  }

  /**
   * The shortest schedule that reproduces this run: its choices up to the last one that differs
   * from the default policy.
   */
  Schedule schedule(String scenario) {
    int last = -1;
    for (int i = 0; i < decisions.size(); i++) {
      if (chosen.get(i) != decisions.get(i).defaultChoice()) {
        last = i;
      }
    }
    return Schedule.ofSteps(scenario, chosen.subList(0, last + 1));
  }
}
