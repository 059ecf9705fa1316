package dev.walkspec.conform;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Adds up one cell's time (issue 18 item 3) from the judgements it needs, each counted once: one
 * that ran now adds its tests' time, and is shared when other cells needed it too (it ran once, for
 * all of them, and counts in each); one from the cache adds what it took when it ran.
 */
final class CellTimes {
  private final Map<String, Long> ran;
  private final Map<String, Long> cached;
  private final Map<String, Integer> cellsOfKey;
  private final Set<String> seen = new HashSet<>();
  private long millis;
  private long sharedMillis;
  private int ranCount;
  private int sharedCount;
  private int cachedCount;
  private long cachedMillis;

  /**
   * @param ran the time of each judgement that ran now, by key
   * @param cached the time of each judgement from the cache when it ran, by key
   * @param cellsOfKey how many cells need each judgement
   */
  CellTimes(Map<String, Long> ran, Map<String, Long> cached, Map<String, Integer> cellsOfKey) {
    this.ran = ran;
    this.cached = cached;
    this.cellsOfKey = cellsOfKey;
  }

  /** The cell needs the judgement {@code key} (again, when two bindings are alike). */
  void add(String key) {
    if (!seen.add(key)) {
      return;
    }
    Long took = ran.get(key);
    if (took == null) {
      cachedCount++;
      cachedMillis += cached.getOrDefault(key, 0L);
      return;
    }
    ranCount++;
    millis += took;
    if (cellsOfKey.getOrDefault(key, 1) > 1) {
      sharedCount++;
      sharedMillis += took;
    }
  }

  MatrixCell.Time time() {
    return new MatrixCell.Time(
        millis, sharedMillis, ranCount, sharedCount, cachedCount, cachedMillis);
  }
}
