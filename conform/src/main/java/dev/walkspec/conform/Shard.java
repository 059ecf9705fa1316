package dev.walkspec.conform;

import dev.walkspec.cli.UsageException;
import dev.walkspec.suite.ExplorationShard;

/**
 * Shard {@code index} of {@code count} (1-based, as written: {@code 2/3}): the part of a matrix one
 * machine runs. Suites are dealt round-robin in the matrix's own order, which depends only on the
 * specs and handler sets, so every machine computes the same partition (issue 19 item 5).
 */
public record Shard(int index, int count) {
  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new UsageException("--shard: K/N with 1 <= K <= N, not '" + index + "/" + count + "'");
    }
  }

  /** "K/N" as the command line takes it (the same form as the generated suites' property). */
  public static Shard parse(String text) {
    try {
      ExplorationShard shard = ExplorationShard.parse(text);
      return new Shard(shard.index(), shard.count());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--shard: K/N with 1 <= K <= N, not '" + text + "'");
    }
  }

  /** Whether the suite at {@code position} of the matrix's order (0-based) is this shard's. */
  public boolean owns(int position) {
    return position % count == index - 1;
  }

  /** The first shard also runs the work that is not split (the spec mutants). */
  public boolean isFirst() {
    return index == 1;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
