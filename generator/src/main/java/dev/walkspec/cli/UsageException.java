package dev.walkspec.cli;

/** A command was used wrongly in a way only found while running it (exit code 2). */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
