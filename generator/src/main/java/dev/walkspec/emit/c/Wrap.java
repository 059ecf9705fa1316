package dev.walkspec.emit.c;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for comments and Kconfig help text. */
final class Wrap {
  private Wrap() {}

  /**
   * The words of {@code text} in lines of at most {@code width} characters (longer words alone).
   */
  static List<String> words(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
