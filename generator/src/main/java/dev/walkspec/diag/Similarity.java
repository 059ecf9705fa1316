package dev.walkspec.diag;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import org.apiguardian.api.API;

/** Edit distance, for "did you mean" hints. */
@API(status = INTERNAL)
public final class Similarity {
  private Similarity() {}

  /**
   * Close enough for a hint: at most one edit per three characters (at least one edit allowed), and
   * not a replacement of every character ('q' is not close to 'p').
   */
  public static boolean isClose(String typed, String candidate) {
    int distance = editDistance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
    return distance <= Math.max(1, Math.min(typed.length(), candidate.length()) / 3)
        && distance < Math.max(typed.length(), candidate.length());
  }

  /** "; did you mean 'x'?" for the closest candidate, or "" when none is close. */
  public static String hint(String typed, Collection<String> candidates) {
    return candidates.stream()
        .min(Comparator.comparingInt(c -> editDistance(typed, c)))
        .filter(c -> isClose(typed, c))
        .map(c -> "; did you mean '" + c + "'?")
        .orElse("");
  }

  /** Optimal string alignment distance: an adjacent transposition (x68, x86) costs 1. */
  public static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
