package dev.walkspec.conform;

import java.util.ArrayList;
import java.util.List;

/** The matrix as a text table: rows handler sets, columns specs, cells pass or the failed ids. */
final class MatrixTable {
  private MatrixTable() {}

  static String text(MatrixResult result) {
    List<String> header = new ArrayList<>();
    header.add("handler \\ spec");
    header.addAll(result.specs());
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (HandlerSet set : result.sets()) {
      List<String> row = new ArrayList<>();
      row.add(set.name());
      for (String spec : result.specs()) {
        row.add(result.cell(set.name(), spec).map(MatrixCell::summary).orElse("n/a"));
      }
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
      if (r == 0) {
        for (int i = 0; i < widths.length; i++) {
          out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
