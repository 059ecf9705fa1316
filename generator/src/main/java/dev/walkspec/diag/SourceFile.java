package dev.walkspec.diag;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** The text of one spec file, with a line index for positions and caret excerpts. */
@API(status = INTERNAL)
public final class SourceFile {
  private final String displayName;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(String displayName, String text) {
    this.displayName = displayName;
    this.text = text;
    this.lineStarts = indexLines(text);
  }

  private static int[] indexLines(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  public String displayName() {
    return displayName;
  }

  public String text() {
    return text;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** The text of a 1-based line without its line terminator, or "" when out of range. */
  public String line(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  /** The position of a character offset, covering {@code length} characters. */
  public Pos pos(int offset, int length) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int line = lineOf(clamped);
    return new Pos(displayName, line + 1, clamped - lineStarts[line] + 1, length);
  }

  private int lineOf(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
