package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Similarity;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * "Did you mean": the known name closest to a mistyped one (a command, a handler set, a scenario),
 * by {@link Similarity#editDistance} (swapping two neighbouring letters counts as one edit), and
 * only when it is close enough to be a typo rather than another word. The bound ({@link #allowed})
 * is more generous than {@link Similarity#isClose}, which the checker's hints in specs use: a
 * command-line word of four to eight letters may be two edits off.
 */
@API(status = INTERNAL)
public final class Suggestions {
  private Suggestions() {}

  /** The closest of {@code known} to {@code typed}; the first in order among equally close ones. */
  public static Optional<String> closest(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : known) {
      int d =
          Similarity.editDistance(typed.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
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
}
