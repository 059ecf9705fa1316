package dev.walkspec.runtime.explore;

import java.util.List;

/**
 * Follows a schedule's segments, then the default policy. Strict replay fails when a segment names
 * an actor that cannot run; lenient replay (for shrinking) skips such a segment.
 */
final class ReplayChooser implements Chooser {
  private final List<Schedule.Segment> segments;
  private final boolean strict;
  private final Scenario scenario;
  private int segment;
  private int used;

  ReplayChooser(Schedule schedule, boolean strict, Scenario scenario) {
    this.segments = schedule.segments();
    this.strict = strict;
    this.scenario = scenario;
  }

  @Override
  public int choose(Decision d) {
    while (segment < segments.size()) {
      Schedule.Segment next = segments.get(segment);
      if (next.actor() < scenario.actorCount() && d.enabled(next.actor())) {
        if (++used == next.count()) {
          segment++;
          used = 0;
        }
        return next.actor();
      }
      if (strict) {
        throw new IllegalArgumentException(
            "the replay string does not fit scenario '"
                + scenario.name()
                + "': at step "
                + (d.step + 1)
                + " it picks actor "
                + next.actor()
                + (next.actor() < scenario.actorCount()
                    ? " ('" + scenario.actorName(next.actor()) + "'), which cannot run then"
                    : ", but the scenario has " + scenario.actorCount() + " actors"));
      }
      segment++;
      used = 0;
    }
    return d.defaultChoice();
  }
}
