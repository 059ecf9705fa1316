package dev.walkspec.runtime.explore;

/**
 * The state of a run at a scheduling decision: who ran last, who can run, and what each would do.
 */
final class Decision {
  /** 0-based index of the step about to be picked. */
  final int step;

  /** The actor that took the previous step, or -1 at the start. */
  final int current;

  /** Bit {@code a} set: actor {@code a} can take a step. */
  final int enabled;

  /** The step each enabled actor would take. */
  final StepKey[] keys;

  /**
   * The step each actor that has not finished waits to take, whether it can take it now or not
   * (blocked, or about to wait for a lock): what a race with an earlier step is looked for in.
   */
  final StepKey[] pending;

  /** Preemptions so far in the run. */
  final int preemptions;

  Decision(int step, int current, int enabled, StepKey[] keys, StepKey[] pending, int preemptions) {
    this.step = step;
    this.current = current;
    this.enabled = enabled;
    this.keys = keys;
    this.pending = pending;
    this.preemptions = preemptions;
  }

  boolean enabled(int actor) {
    return (enabled & (1 << actor)) != 0;
  }

  boolean currentEnabled() {
    return current >= 0 && enabled(current);
  }

  /** Whether picking {@code actor} is a preemption. */
  boolean preempts(int actor) {
    return currentEnabled() && actor != current;
  }

  /** The default policy: the current actor while it can run, else the lowest-numbered one. */
  int defaultChoice() {
    return currentEnabled() ? current : Integer.numberOfTrailingZeros(enabled);
  }
}
