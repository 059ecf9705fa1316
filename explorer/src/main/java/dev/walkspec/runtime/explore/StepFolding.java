package dev.walkspec.runtime.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds the rows of a long step table: a run of like steps of one actor (the same text but for its
 * numbers, such as a teardown loading the 512 entries of a page) becomes one row {@code load
 * page#6[0..511] = 0x0 x512}, and a run of like blocks (a load and a zap, entry after entry) one
 * row per block position. Rows that matter are never folded: a preemption and the step before it,
 * and the steps just before the breaking one, which stays last. Folding repeats until nothing
 * changes, so runs of folded rows fold again (eight pages freed alike).
 */
final class StepFolding {
  /** Tables up to this many rows are shown whole. */
  static final int WHOLE = 40;

  /** The breaking step and this many steps before it are never folded. */
  static final int CONTEXT = 2;

  /** Fewest repetitions of a block that fold. */
  static final int MIN_REPEATS = 3;

  /** Longest block that folds (a load, a compare-and-swap and a flush, say). */
  static final int MAX_PERIOD = 3;

  private static final Pattern NUMBER = Pattern.compile("0x[0-9a-f]+|\\d+(?:\\.\\.\\d+)?");

  private StepFolding() {}

  /**
   * One row of a folded table: the steps from {@code first} to {@code last} ({@code first} alone
   * for a step shown whole), the actor, the text with varying numbers as ranges, and how many steps
   * it stands for.
   */
  record Row(
      int first, int last, boolean preemption, int actor, String text, int count, boolean fixed) {
    String shape() {
      return NUMBER.matcher(text).replaceAll("#");
    }

    boolean folded() {
      return count > 1;
    }
  }

  /** The rows, folded where the table is longer than {@link #WHOLE}. */
  static List<Row> fold(List<Row> rows) {
    if (rows.size() <= WHOLE) {
      return rows;
    }
    List<Row> now = rows;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int period = 1; period <= MAX_PERIOD; period++) {
        List<Row> next = foldPeriod(now, period);
        if (next.size() < now.size()) {
          now = next;
          changed = true;
        }
      }
    }
    return elide(now);
  }

  /**
   * Still longer than {@link #WHOLE}: the middle of the longest run of one actor's unfixed rows is
   * left out (one row says which steps), until the table fits; the rows around preemptions and the
   * failure stay.
   */
  static List<Row> elide(List<Row> rows) {
    List<Row> now = new ArrayList<>(rows);
    while (now.size() > WHOLE) {
      int bestFrom = -1;
      int bestLength = 0;
      for (int i = 0; i < now.size(); ) {
        int j = i;
        while (j < now.size() && !now.get(j).fixed() && now.get(j).actor() == now.get(i).actor()) {
          j++;
        }
        if (j - i > bestLength) {
          bestFrom = i;
          bestLength = j - i;
        }
        i = Math.max(j, i + 1);
      }
      // Two rows each side of the gap stay.
      if (bestLength < 5) {
        return now;
      }
      int gap = Math.min(now.size() - WHOLE + 1, bestLength - 4);
      int from = bestFrom + (bestLength - gap) / 2;
      List<Row> cut = now.subList(from, from + gap);
      int steps = cut.stream().mapToInt(Row::count).sum();
      Row first = cut.get(0);
      Row last = cut.get(cut.size() - 1);
      Row elided =
          new Row(
              first.first(),
              last.last(),
              false,
              first.actor(),
              "... " + steps + (steps == 1 ? " step" : " steps") + " left out (" + gap + " rows)",
              1,
              true);
      cut.clear();
      now.add(from, elided);
    }
    return now;
  }

  /**
   * Marks the rows that must stay: preemptions, the step before each, and the failure's context.
   */
  static List<Row> markFixed(List<Row> rows, int failingStep) {
    List<Row> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      boolean beforePreemption = i + 1 < rows.size() && rows.get(i + 1).preemption();
      boolean context = failingStep > 0 && r.first() > failingStep - 1 - CONTEXT;
      boolean fixed = r.preemption() || beforePreemption || context || i == rows.size() - 1;
      out.add(new Row(r.first(), r.last(), r.preemption(), r.actor(), r.text(), r.count(), fixed));
    }
    return out;
  }

  private static List<Row> foldPeriod(List<Row> rows, int period) {
    List<Row> out = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      int repeats = repeats(rows, i, period);
      if (repeats >= MIN_REPEATS) {
        for (int k = 0; k < period; k++) {
          List<Row> column = new ArrayList<>();
          for (int b = 0; b < repeats; b++) {
            column.add(rows.get(i + b * period + k));
          }
          out.add(merge(column));
        }
        i += repeats * period;
      } else {
        out.add(rows.get(i));
        i++;
      }
    }
    return out;
  }

  /** How many times the block of {@code period} rows at {@code from} repeats, like for like. */
  private static int repeats(List<Row> rows, int from, int period) {
    if (from + period > rows.size()) {
      return 0;
    }
    for (int k = 0; k < period; k++) {
      if (rows.get(from + k).fixed()) {
        return 0;
      }
    }
    if (period > 1
        && rows.subList(from, from + period).stream().map(Row::shape).distinct().count() == 1) {
      // A block of identical rows is a run of period 1.
      return 0;
    }
    int repeats = 1;
    while (from + (repeats + 1) * period <= rows.size()) {
      int at = from + repeats * period;
      boolean like = true;
      for (int k = 0; k < period && like; k++) {
        Row a = rows.get(from + k);
        Row b = rows.get(at + k);
        like = !b.fixed() && a.actor() == b.actor() && a.shape().equals(b.shape());
      }
      if (!like) {
        break;
      }
      repeats++;
    }
    return repeats;
  }

  /** Rows of one shape as one: each number that varies becomes first..last. */
  private static Row merge(List<Row> column) {
    Row first = column.get(0);
    Row last = column.get(column.size() - 1);
    List<List<String>> numbers = new ArrayList<>();
    for (Row r : column) {
      List<String> found = new ArrayList<>();
      Matcher m = NUMBER.matcher(r.text());
      while (m.find()) {
        found.add(m.group());
      }
      numbers.add(found);
    }
    Matcher m = NUMBER.matcher(first.text());
    StringBuilder text = new StringBuilder();
    int index = 0;
    int end = 0;
    while (m.find()) {
      text.append(first.text(), end, m.start());
      String from = low(numbers.get(0).get(index));
      String to = high(numbers.get(numbers.size() - 1).get(index));
      int position = index;
      boolean same =
          numbers.stream()
              .allMatch(n -> Objects.equals(n.get(position), numbers.get(0).get(position)));
      text.append(same ? numbers.get(0).get(index) : from + ".." + to);
      end = m.end();
      index++;
    }
    text.append(first.text().substring(end));
    int count = column.stream().mapToInt(Row::count).sum();
    return new Row(
        first.first(),
        last.last(),
        first.preemption(),
        first.actor(),
        text.toString(),
        count,
        false);
  }

  private static String low(String number) {
    int range = number.indexOf("..");
    return range < 0 ? number : number.substring(0, range);
  }

  private static String high(String number) {
    int range = number.indexOf("..");
    return range < 0 ? number : number.substring(range + 2);
  }
}
