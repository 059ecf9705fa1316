package dev.walkspec.runtime.trace;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** A trace line that is not one of the forms of {@link TraceEvent}. */
@API(status = EXPERIMENTAL)
public final class TraceFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TraceFormatException(String line, String expected) {
    super("malformed trace line '" + line + "': " + expected);
  }
}
