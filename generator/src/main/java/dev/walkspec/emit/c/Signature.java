package dev.walkspec.emit.c;

import java.util.List;

/** A function head, its parameters wrapped and aligned under the first when the line is full. */
final class Signature {
  private Signature() {}

  static void write(CWriter w, String head, List<String> parameters) {
    write(w, head, parameters, "");
  }

  /** With {@code end} after the closing parenthesis (";" for a prototype). */
  static void write(CWriter w, String head, List<String> parameters, String end) {
    String open = head + "(";
    StringBuilder line = new StringBuilder(open);
    for (int i = 0; i < parameters.size(); i++) {
      String parameter = parameters.get(i) + (i + 1 < parameters.size() ? "," : ")" + end);
      boolean first = line.length() == open.length() || line.toString().isBlank();
      if (!first && columns(line) + 1 + parameter.length() > CWriter.MAX_COLUMNS) {
        w.line(line.toString());
        line = new StringBuilder(Indent.align(open.length()));
        first = true;
      }
      if (!first) {
        line.append(' ');
      }
      line.append(parameter);
    }
    if (parameters.isEmpty()) {
      line.append("void)").append(end);
    }
    w.line(line.toString());
  }

  private static int columns(CharSequence line) {
    int columns = 0;
    for (int i = 0; i < line.length(); i++) {
      columns = line.charAt(i) == '\t' ? (columns / 8 + 1) * 8 : columns + 1;
    }
    return columns;
  }
}
