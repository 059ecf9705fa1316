package dev.walkspec.runtime.explore;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One PCT run (Burckhardt et al., ASPLOS 2010): actors get distinct random priorities above {@code
 * depth}; {@code depth - 1} change points are drawn among the first {@code length} steps, and when
 * the run reaches the i-th one, the actor about to run drops to priority i. The highest-priority
 * actor that can run always runs. A bug of depth d is found with probability at least 1/(n k^(d-1))
 * per run for n actors and k steps.
 */
final class PctChooser implements Chooser {
  private final int[] priority;
  private final int[] changeAt;
  private int nextChange;

  PctChooser(int actors, int depth, int length, SplittableRandom random) {
    priority = new int[actors];
    int[] order = new int[actors];
    for (int i = 0; i < actors; i++) {
      order[i] = i;
    }
    for (int i = actors - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int i = 0; i < actors; i++) {
      priority[order[i]] = depth + i;
    }
    int changes = Math.min(depth - 1, Math.max(1, length));
    int[] points = new int[changes];
    for (int i = 0; i < changes; i++) {
      points[i] = random.nextInt(Math.max(1, length));
    }
    Arrays.sort(points);
    this.changeAt = points;
  }

  @Override
  public int choose(Decision d) {
    int pick = highest(d.enabled);
    while (nextChange < changeAt.length && changeAt[nextChange] <= d.step) {
      priority[pick] = nextChange + 1;
      nextChange++;
      pick = highest(d.enabled);
    }
    return pick;
  }

  private int highest(int enabled) {
    int best = -1;
    for (int a = 0; a < priority.length; a++) {
      if ((enabled & (1 << a)) != 0 && (best < 0 || priority[a] > priority[best])) {
        best = a;
      }
    }
    return best;
  }
}
