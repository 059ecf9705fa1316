package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A scenario that cannot be run: the message says what is wrong and where (line, key). */
@API(status = INTERNAL)
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }
}
