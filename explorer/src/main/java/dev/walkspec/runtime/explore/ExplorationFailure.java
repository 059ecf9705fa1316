package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Thrown by {@link Explorer#check}: a run broke an obligation; the message is the full report. */
@API(status = INTERNAL)
public final class ExplorationFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient ExplorationResult result;

  public ExplorationFailure(ExplorationResult result) {
    super(result.counterexample().orElseThrow().report());
    this.result = result;
  }

  public ExplorationResult result() {
    return result;
  }

  public Counterexample counterexample() {
    return result.counterexample().orElseThrow();
  }
}
