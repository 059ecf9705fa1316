package dev.walkspec.conform;

import dev.walkspec.runtime.explore.StepRow;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One cell of the matrix: a handler set against one spec. {@code failed} holds the obligations some
 * generated test found broken, with the report of the first such failure for each. {@code checked}
 * is how many (operation, obligation) pairs were judged for the cell; {@code time} how long its
 * judgements took.
 */
public record MatrixCell(
    String set,
    String spec,
    SortedSet<String> failed,
    Map<String, Failure> failures,
    int checked,
    Time time) {
  public MatrixCell {
    failed = Collections.unmodifiableSortedSet(new TreeSet<>(failed));
    failures = Map.copyOf(failures);
  }

  /** A cell whose time was not measured (a test's made-up cell). */
  public MatrixCell(
      String set,
      String spec,
      SortedSet<String> failed,
      Map<String, Failure> failures,
      int checked) {
    this(set, spec, failed, failures, checked, Time.NONE);
  }

  /**
   * How long a cell's judgements took (issue 18 item 3). A judgement is run once and shared by
   * every cell that needs it (the same handler class, profile, kind, context and obligation under
   * another spec; see {@link Matrix}), so its time counts in full in each of those cells: {@code
   * sharedMillis} is the part of {@code millis} from such shared judgements, and the times of
   * several cells do not add up to the run's.
   *
   * @param millis wall-clock time of the tests of the judgements the cell needed that ran now
   * @param sharedMillis the part of {@code millis} from judgements other cells needed too
   * @param ran judgements of the cell that ran in this run
   * @param shared how many of those other cells needed too
   * @param cached judgements of the cell taken from the result cache
   * @param cachedMillis what the cached judgements took when they ran
   */
  public record Time(
      long millis, long sharedMillis, int ran, int shared, int cached, long cachedMillis) {
    public static final Time NONE = new Time(0, 0, 0, 0, 0, 0);

    /** Every judgement the cell needed came from the result cache: nothing ran for it. */
    public boolean isCached() {
      return ran == 0 && cached > 0;
    }

    /** "cached", "-" for a cell with no judgement, else the seconds ("12.3 s"). */
    public String shown() {
      if (isCached()) {
        return "cached";
      }
      return ran == 0 ? "-" : seconds(millis);
    }

    /**
     * A sentence for the cell's tooltip: "ran 12 judgements in 3.4 s (1.2 s of it in 4 judgements
     * shared with other cells, counted in each); 2 from the result cache"; empty for a cell with no
     * judgement.
     */
    public String describe() {
      if (ran == 0 && cached == 0) {
        return "";
      }
      if (isCached()) {
        return cached == 1
            ? "cached: its 1 judgement from the result cache (it took "
                + seconds(cachedMillis)
                + " when it ran)"
            : "cached: all "
                + cached
                + " judgements from the result cache (they took "
                + seconds(cachedMillis)
                + " when they ran)";
      }
      String text = "ran " + count(ran, "judgement") + " in " + seconds(millis);
      if (shared > 0) {
        text +=
            " ("
                + seconds(sharedMillis)
                + " of it in "
                + count(shared, "judgement")
                + " shared with other cells, counted in each)";
      }
      if (cached > 0) {
        text += "; " + cached + " from the result cache";
      }
      return text;
    }

    /** "12.3 s": how the report and the command line give a time (phases, cells). */
    static String seconds(long millis) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String count(int n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }
  }

  /**
   * Why an obligation failed: where (operation and profile), the suite's report, and the one
   * command that reproduces it from a checkout ({@code walkspec replay ...} for an explored
   * counterexample, {@code walkspec conform ... --keep-suites DIR} for a one-call property), and an
   * explored counterexample's step table as rows of data (issue 18 item 4; the report keeps the
   * text table), empty for a one-call property.
   */
  public record Failure(
      String obligation,
      String binding,
      String testName,
      String report,
      String reproduce,
      List<StepRow> steps) {
    public Failure {
      steps = List.copyOf(steps);
    }

    /** A failure without step rows (a one-call property's). */
    public Failure(
        String obligation, String binding, String testName, String report, String reproduce) {
      this(obligation, binding, testName, report, reproduce, List.of());
    }
  }

  /** The failures in the order of their obligations (H9 before H11). */
  public List<Failure> failuresInOrder() {
    return failed.stream().map(failures::get).filter(Objects::nonNull).toList();
  }

  public boolean passed() {
    return failed.isEmpty();
  }

  /** "pass", or the failed obligation ids ("H4 H5"). */
  public String summary() {
    return passed() ? (checked == 0 ? "n/a" : "pass") : String.join(" ", failed);
  }
}
