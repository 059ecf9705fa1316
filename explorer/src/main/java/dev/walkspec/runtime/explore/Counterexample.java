package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A failing run, shrunk and explained: the obligation it breaks (and others the same failure
 * breaks), the rule (the check that caught it), the message, its size, how it was found, the
 * per-actor step table (as text, and as rows of data: {@code stepRows}), the replay string, a JUnit
 * test that replays it, and the full report that puts these together.
 *
 * @param steps steps up to and including the failing one
 * @param schedulesToFailure runs of the search up to and including the failing one
 */
@API(status = INTERNAL)
public record Counterexample(
    String obligation,
    List<String> related,
    String rule,
    String message,
    int steps,
    int preemptions,
    long schedulesToFailure,
    String foundBy,
    String stepTable,
    String replay,
    String junit,
    String report,
    List<StepRow> stepRows) {
  public Counterexample {
    related = List.copyOf(related);
    stepRows = List.copyOf(stepRows);
  }
}
