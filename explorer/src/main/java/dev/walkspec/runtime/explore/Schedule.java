package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A replay string: {@code scenario@segments}. Segments are separated by {@code .}; each is an actor
 * number (the order actors were added to the scenario) and an optional {@code *count}: that actor
 * runs that many steps (default 1). After the last segment the default policy takes over: the
 * running actor goes on while it can, else the lowest-numbered actor that can run. So {@code
 * lost-zap@0*6.1} runs actor 0 for six steps, then actor 1 until it finishes or blocks, then the
 * rest in order. {@code -} is the empty schedule (the default policy from the start). Strings the
 * explorer prints stop at the last step that differs from the default policy.
 */
@API(status = INTERNAL)
public final class Schedule {
  private final String scenario;
  private final List<Segment> segments;

  /** An actor and the number of consecutive steps it takes. */
  public record Segment(int actor, int count) {
    public Segment {
      if (actor < 0 || count < 1) {
        throw new IllegalArgumentException(
            "schedule segment needs actor >= 0 and count >= 1, got " + actor + "*" + count);
      }
    }

    @Override
    public String toString() {
      return count == 1 ? Integer.toString(actor) : actor + "*" + count;
    }
  }

  public Schedule(String scenario, List<Segment> segments) {
    this.scenario = scenario;
    this.segments = merge(segments);
  }

  /**
   * Parses {@code name@segments} or just {@code segments}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Schedule parse(String text) {
    Objects.requireNonNull(text, "replay string");
    String trimmed = text.trim();
    String name = null;
    String body = trimmed;
    int at = trimmed.lastIndexOf('@');
    if (at >= 0) {
      name = trimmed.substring(0, at);
      body = trimmed.substring(at + 1);
      if (name.isEmpty()) {
        throw new IllegalArgumentException(
            "replay string '" + text + "' has an empty scenario name before '@'");
      }
    }
    List<Segment> segments = new ArrayList<>();
    if (!body.equals("-")) {
      if (body.isEmpty()) {
        throw new IllegalArgumentException(
            "replay string '" + text + "' has no schedule (use '-' for the default schedule)");
      }
      for (String part : body.split("\\.", -1)) {
        segments.add(segment(part, text));
      }
    }
    return new Schedule(name, segments);
  }

  private static Segment segment(String part, String text) {
    int star = part.indexOf('*');
    String actor = star < 0 ? part : part.substring(0, star);
    String count = star < 0 ? "1" : part.substring(star + 1);
    if (!digits(actor) || !digits(count)) {
      throw new IllegalArgumentException(
          "replay string '"
              + text
              + "': segment '"
              + part
              + "' is not ACTOR or ACTOR*COUNT (numbers, separated by '.')");
    }
    try {
      return new Segment(Integer.parseInt(actor), Integer.parseInt(count));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "replay string '" + text + "': segment '" + part + "' has a number out of range", e);
    }
  }

  private static boolean digits(String text) {
    return !text.isEmpty()
        && text.length() <= 9
        && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The schedule of consecutive actor choices {@code actors} (one per step). */
  static Schedule ofSteps(String scenario, List<Integer> actors) {
    List<Segment> segments = new ArrayList<>();
    for (int actor : actors) {
      segments.add(new Segment(actor, 1));
    }
    return new Schedule(scenario, segments);
  }

  private static List<Segment> merge(List<Segment> segments) {
    List<Segment> merged = new ArrayList<>();
    for (Segment segment : segments) {
      Objects.requireNonNull(segment, "schedule segment");
      int last = merged.size() - 1;
      if (last >= 0 && merged.get(last).actor() == segment.actor()) {
        merged.set(last, new Segment(segment.actor(), merged.get(last).count() + segment.count()));
      } else {
        merged.add(segment);
      }
    }
    return List.copyOf(merged);
  }

  /** The scenario name, or null when the string had none. */
  public String scenario() {
    return scenario;
  }

  public List<Segment> segments() {
    return segments;
  }

  /** The same schedule for scenario {@code name}. */
  public Schedule named(String name) {
    return new Schedule(name, segments);
  }

  /** The segments part alone ({@code 0*6.1}, or {@code -}). */
  public String body() {
    if (segments.isEmpty()) {
      return "-";
    }
    StringBuilder text = new StringBuilder();
    for (Segment segment : segments) {
      if (text.length() > 0) {
        text.append('.');
      }
      text.append(segment);
    }
    return text.toString();
  }

  /** Total number of steps the segments name. */
  public int length() {
    int total = 0;
    for (Segment segment : segments) {
      total += segment.count();
    }
    return total;
  }

  @Override
  public String toString() {
    return scenario == null ? body() : scenario + "@" + body();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Schedule
        && Objects.equals(((Schedule) other).scenario, scenario)
        && ((Schedule) other).segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scenario, segments);
  }
}
