package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * "Did you mean": the known name closest to a mistyped one (a command, a handler set, a scenario),
 * by edit distance where swapping two neighbouring letters counts as one edit, and only when it is
 * close enough to be a typo rather than another word.
 */
@API(status = INTERNAL)
public final class Suggestions {
  private Suggestions() {}

  /** The closest of {@code known} to {@code typed}; the first in order among equally close ones. */
  public static Optional<String> closest(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : known) {
      int d = distance(typed.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best != null && bestDistance > 0 && bestDistance <= allowed(typed)
        ? Optional.of(best)
        : Optional.empty();
  }

  /** "; did you mean 'check'?" or nothing. */
  public static String didYouMean(String typed, Collection<String> known) {
    return closest(typed, known).map(n -> "; did you mean '" + n + "'?").orElse("");
  }

  /** One edit in a short name, two in a longer one: beyond that it is another word. */
  private static int allowed(String typed) {
    return typed.length() <= 3 ? 1 : typed.length() <= 8 ? 2 : 3;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
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
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
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
