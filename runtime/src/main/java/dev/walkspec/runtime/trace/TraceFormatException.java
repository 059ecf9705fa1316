package dev.walkspec.runtime.trace;

/** A trace line that is not one of the forms of {@link TraceEvent}. */
public final class TraceFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TraceFormatException(String line, String expected) {
    super("malformed trace line '" + line + "': " + expected);
  }
}
