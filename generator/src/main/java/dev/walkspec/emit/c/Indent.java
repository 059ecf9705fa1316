package dev.walkspec.emit.c;

/** Continuation lines aligned the kernel's way: tabs, then spaces up to the column. */
final class Indent {
  private Indent() {}

  /** Whitespace that reaches {@code column} (0-based) from the start of a line. */
  static String align(int column) {
    return "\t".repeat(column / 8) + " ".repeat(column % 8);
  }
}
