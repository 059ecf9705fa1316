package dev.walkspec.conform.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a counterexample as a sequence diagram: one vertical lane per actor and one for the
 * shared state they touch; each step is an arrow from its actor's lane to the shared state,
 * labelled with the runtime call; a preemption is a dashed line across all lanes before the step,
 * and the breaking step is drawn in red with the obligation it broke. The template only draws what
 * this computes.
 */
public record SequenceDiagram(
    int width, int height, List<Lane> lanes, List<Arrow> arrows, List<Integer> preemptions) {
  static final int LANE_GAP = 170;
  static final int TOP = 40;
  static final int ROW = 26;

  /** Width of one character of an arrow's label (11 px monospace), to size the drawing. */
  static final double CHAR_WIDTH = 6.8;

  static final int LABEL_CHARS = 110;

  public SequenceDiagram {
    lanes = List.copyOf(lanes);
    arrows = List.copyOf(arrows);
    preemptions = List.copyOf(preemptions);
  }

  public record Lane(String name, int x) {}

  /** An arrow at height y from lane x1 to the shared state x2, with its label at labelX. */
  public record Arrow(
      int step,
      int y,
      int x1,
      int x2,
      int labelX,
      String label,
      boolean breaking,
      String broke,
      String full) {}

  public static SequenceDiagram of(StepTable table) {
    List<Lane> lanes = new ArrayList<>();
    for (int i = 0; i < table.actors().size(); i++) {
      lanes.add(new Lane(table.actors().get(i), 60 + i * LANE_GAP));
    }
    int shared = 60 + table.actors().size() * LANE_GAP;
    lanes.add(new Lane("shared state", shared));
    List<Arrow> arrows = new ArrayList<>();
    List<Integer> preemptions = new ArrayList<>();
    int y = TOP + ROW;
    int longest = 0;
    for (StepTable.Row row : table.rows()) {
      if (row.preemption()) {
        preemptions.add(y - ROW / 2);
      }
      int x = lanes.get(row.actor()).x();
      String label = row.step() + ". " + shorten(row.text());
      String broke = row.broke().map(id -> "  \u2190 breaks " + id).orElse("");
      longest = Math.max(longest, label.length() + broke.length());
      arrows.add(
          new Arrow(
              row.step(),
              y,
              x,
              shared,
              shared + 12,
              label + broke,
              row.broke().isPresent(),
              row.broke().orElse(""),
              row.step() + ". " + row.text() + broke));
      y += ROW;
    }
    int width = shared + 24 + (int) Math.ceil(longest * CHAR_WIDTH);
    return new SequenceDiagram(width, y + ROW, lanes, arrows, preemptions);
  }

  private static String shorten(String text) {
    return text.length() <= LABEL_CHARS ? text : text.substring(0, LABEL_CHARS - 3) + "...";
  }
}
