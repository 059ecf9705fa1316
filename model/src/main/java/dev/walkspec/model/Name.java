package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Pos;
import org.apiguardian.api.API;

/** A name as written in a spec (a rule id, a flag, an option...) and where it was written. */
@API(status = INTERNAL)
public record Name(String text, Pos pos) {
  @Override
  public String toString() {
    return text;
  }
}
