package dev.walkspec.semantics;

/** A scenario that cannot be run: the message says what is wrong and where (line, key). */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }
}
