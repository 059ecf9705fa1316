package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A command was used wrongly in a way only found while running it (exit code 2). */
@API(status = INTERNAL)
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
