package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Shard {@code index} of {@code count} (1-based, written {@code K/N}) of a build's explorations,
 * chosen with {@value #PROPERTY}: N machines, or N Surefire runs, each given one K, together run
 * every explored scenario of every generated handler suite exactly once (issue 19 item 5). A
 * scenario's shard depends only on its suite class's name and its place in the suite's list, so
 * every machine computes the same partition; within a suite the scenarios are dealt round-robin,
 * starting at a place that the class name decides, so that the first scenario of every suite does
 * not land on the same shard. One-call properties are not split: they take seconds, and each shard
 * runs them.
 *
 * @param index which shard, 1 to {@code count}
 * @param count how many shards
 */
@API(status = EXPERIMENTAL)
public record ExplorationShard(int index, int count) {
  public static final String PROPERTY = "walkspec.shard";

  /** The whole: no property given. */
  public static final ExplorationShard ALL = new ExplorationShard(1, 1);

  public ExplorationShard {
    if (count < 1 || index < 1 || index > count) {
      throw malformed(index + "/" + count);
    }
  }

  /** "K/N" as written on a command line or in {@value #PROPERTY}. */
  public static ExplorationShard parse(String text) {
    String[] parts = text.split("/", -1);
    try {
      if (parts.length == 2) {
        return new ExplorationShard(
            Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      }
    } catch (NumberFormatException e) {
      // Reported below, with the text as given.
    }
    throw malformed(text);
  }

  /** The shard {@value #PROPERTY} names, or {@link #ALL} when it is not set. */
  public static ExplorationShard current() {
    String text = System.getProperty(PROPERTY);
    return text == null || text.isBlank() ? ALL : parse(text);
  }

  /** The scenarios of {@code suiteClass}'s list that this shard explores, in their order. */
  public List<String> of(Class<?> suiteClass, List<String> scenarios) {
    int offset = Math.floorMod(suiteClass.getName().hashCode(), count);
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      if ((i + offset) % count == index - 1) {
        mine.add(scenarios.get(i));
      }
    }
    return mine;
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException(
        PROPERTY + " must be K/N with 1 <= K <= N (e.g. 2/3), not '" + text + "'");
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
