package dev.walkspec.conform.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-actor step table of an explorer report, read back from its fixed layout: a header {@code
 * step | actor | actor}, a separator {@code ------+-----+----} whose '+' marks the column
 * boundaries, and one row per step; '>' after a step number marks a preemption, and {@code <-- Hn}
 * the step that broke obligation Hn.
 */
public record StepTable(List<String> actors, List<Row> rows) {
  public StepTable {
    actors = List.copyOf(actors);
    rows = List.copyOf(rows);
  }

  /** One step: which actor ran it, what it did, whether it preempted another, what it broke. */
  public record Row(int step, int actor, String text, boolean preemption, Optional<String> broke) {}

  /** The step table in a report, if the report has one (explorer reports do, others not). */
  public static Optional<StepTable> in(String report) {
    List<String> lines = report.lines().toList();
    for (int i = 0; i + 1 < lines.size(); i++) {
      // The step column widens with the step numbers (and folded rows' ranges).
      if (lines.get(i).matches(" +step \\|.*") && lines.get(i + 1).matches("-+\\+.*")) {
        return Optional.of(parse(lines, i));
      }
    }
    return Optional.empty();
  }

  private static StepTable parse(List<String> lines, int header) {
    String separator = lines.get(header + 1);
    List<Integer> bounds = new ArrayList<>();
    for (int c = 0; c < separator.length(); c++) {
      if (separator.charAt(c) == '+') {
        bounds.add(c);
      }
    }
    bounds.add(Integer.MAX_VALUE);
    List<String> actors = new ArrayList<>();
    for (int col = 0; col + 1 < bounds.size(); col++) {
      actors.add(cell(lines.get(header), bounds.get(col) + 1, bounds.get(col + 1)));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = header + 2; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String line = lines.get(i);
      String number = cell(line, 0, bounds.get(0));
      boolean preemption = number.endsWith(">");
      // A folded row ("4021..4285") is drawn at its first step.
      String digits = number.replace(">", "").strip();
      int range = digits.indexOf("..");
      int step = Integer.parseInt(range < 0 ? digits : digits.substring(0, range));
      for (int col = 0; col + 1 < bounds.size(); col++) {
        String text = cell(line, bounds.get(col) + 1, bounds.get(col + 1));
        if (!text.isEmpty()) {
          Optional<String> broke = Optional.empty();
          int arrow = text.lastIndexOf("<-- ");
          if (arrow >= 0) {
            broke = Optional.of(text.substring(arrow + 4).strip());
            text = text.substring(0, arrow).strip();
          }
          rows.add(new Row(step, col, text, preemption, broke));
        }
      }
    }
    return new StepTable(actors, rows);
  }

  private static String cell(String line, int from, int to) {
    if (from >= line.length()) {
      return "";
    }
    return line.substring(from, Math.min(to, line.length())).replace("|", "").strip();
  }
}
