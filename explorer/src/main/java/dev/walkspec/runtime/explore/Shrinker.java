package dev.walkspec.runtime.explore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Shrinks a failing schedule: fewest steps up to the failure first, then fewest preemptions, then
 * the shortest replay string. Candidates postpone one step of another actor than the failing one
 * (it is deleted from the sequence; the default policy runs it later, if at all), drop a segment,
 * shorten one, or swap two neighbours; each is replayed leniently (a segment naming an actor that
 * cannot run is skipped) and kept if it fails with the same obligation and measures smaller.
 * Greedy, to a fixpoint or the run budget; {@link Shrunk#complete()} tells which.
 */
final class Shrinker {
  /**
   * A schedule and the run it gives.
   *
   * @param complete whether no candidate of the result fails the same way and measures smaller (a
   *     fixpoint), rather than the budget stopping the search
   */
  record Shrunk(Schedule schedule, RunOutcome outcome, int runs, boolean complete) {}

  private Shrinker() {}

  static Shrunk shrink(
      Engine engine, Schedule start, RunOutcome outcome, int maxRuns, long deadlineNanos) {
    String scenario = engine.scenario().name();
    String obligation = outcome.failure.obligation();
    Schedule best = start;
    RunOutcome bestOutcome = outcome;
    int runs = 0;
    boolean improved = true;
    while (improved) {
      improved = false;
      for (Schedule candidate : candidates(best, bestOutcome)) {
        if (runs >= maxRuns || System.nanoTime() - deadlineNanos >= 0) {
          return new Shrunk(best, bestOutcome, runs, false);
        }
        RunOutcome tried =
            engine.execute(
                new ReplayChooser(candidate, false, engine.scenario()), false, deadlineNanos);
        runs++;
        if (tried.failure == null || !tried.failure.obligation().equals(obligation)) {
          continue;
        }
        Schedule canonical = tried.schedule(scenario);
        if (smaller(tried, canonical, bestOutcome, best)) {
          best = canonical;
          bestOutcome = tried;
          improved = true;
          break;
        }
      }
    }
    return new Shrunk(best, bestOutcome, runs, true);
  }

  static List<Schedule> candidates(Schedule schedule, RunOutcome outcome) {
    List<Schedule.Segment> segments = schedule.segments();
    List<Schedule> out = new ArrayList<>();
    List<Integer> steps =
        outcome.chosen.subList(0, Math.min(failingStep(outcome), outcome.chosen.size()));
    for (int j = steps.size() - 2; j >= 0; j--) {
      // Deleting any step of a run of one actor's steps gives the same sequence: one candidate per
      // run, not one per step (a 4,000-step teardown is one run, not 4,000 replays of it).
      boolean sameAsNext = j + 1 < steps.size() - 1 && steps.get(j).equals(steps.get(j + 1));
      if (sameAsNext || steps.get(j).equals(steps.get(steps.size() - 1))) {
        continue;
      }
      List<Integer> fewer = new ArrayList<>(steps);
      fewer.remove(j);
      out.add(Schedule.ofSteps(schedule.scenario(), fewer));
    }
    for (int j = segments.size() - 1; j >= 0; j--) {
      List<Schedule.Segment> fewer = new ArrayList<>(segments);
      fewer.remove(j);
      out.add(new Schedule(schedule.scenario(), fewer));
    }
    for (int j = 0; j < segments.size(); j++) {
      Schedule.Segment s = segments.get(j);
      if (s.count() > 1) {
        List<Schedule.Segment> shorter = new ArrayList<>(segments);
        shorter.set(j, new Schedule.Segment(s.actor(), s.count() - 1));
        out.add(new Schedule(schedule.scenario(), shorter));
        if (s.count() > 3) {
          List<Schedule.Segment> half = new ArrayList<>(segments);
          half.set(j, new Schedule.Segment(s.actor(), s.count() / 2));
          out.add(new Schedule(schedule.scenario(), half));
        }
      }
    }
    for (int j = 0; j + 1 < segments.size(); j++) {
      List<Schedule.Segment> swapped = new ArrayList<>(segments);
      swapped.set(j, segments.get(j + 1));
      swapped.set(j + 1, segments.get(j));
      out.add(new Schedule(schedule.scenario(), swapped));
    }
    // Families overlap (deleting a step of a run is shortening its segment): each schedule once, in
    // the order of its first appearance, so the greedy path is the same with fewer replays.
    return new ArrayList<>(new LinkedHashSet<>(out));
  }

  private static boolean smaller(RunOutcome a, Schedule as, RunOutcome b, Schedule bs) {
    int stepsA = failingStep(a);
    int stepsB = failingStep(b);
    if (stepsA != stepsB) {
      return stepsA < stepsB;
    }
    if (a.preemptions != b.preemptions) {
      return a.preemptions < b.preemptions;
    }
    if (as.segments().size() != bs.segments().size()) {
      return as.segments().size() < bs.segments().size();
    }
    return as.length() < bs.length();
  }

  static int failingStep(RunOutcome outcome) {
    return outcome.failure.step() > 0 ? outcome.failure.step() : outcome.steps.size();
  }
}
