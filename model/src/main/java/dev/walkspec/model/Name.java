package dev.walkspec.model;

import dev.walkspec.diag.Pos;

/** A name as written in a spec (a rule id, a flag, an option...) and where it was written. */
public record Name(String text, Pos pos) {
  @Override
  public String toString() {
    return text;
  }
}
