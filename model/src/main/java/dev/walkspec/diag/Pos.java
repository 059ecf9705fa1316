package dev.walkspec.diag;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A place in a spec file: 1-based line and column, and how many characters of that line the
 * construct covers (at least 1, so a caret can always be drawn).
 */
@API(status = INTERNAL)
public record Pos(String file, int line, int column, int length) implements Comparable<Pos> {

  public Pos {
    if (file == null || line < 1 || column < 1) {
      throw new IllegalArgumentException("bad position " + file + ":" + line + ":" + column);
    }
    length = Math.max(1, length);
  }

  /** A position for a whole file (missing file, empty file): line 1, column 1. */
  public static Pos startOf(String file) {
    return new Pos(file, 1, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public int compareTo(Pos other) {
    int byFile = file.compareTo(other.file);
    if (byFile != 0) {
      return byFile;
    }
    return line != other.line
        ? Integer.compare(line, other.line)
        : Integer.compare(column, other.column);
  }
}
