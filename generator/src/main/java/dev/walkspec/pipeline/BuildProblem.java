package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A build misconfiguration, explained in one sentence that says what to fix (a handler class that
 * does not exist, an output directory that would overwrite sources, a spec that is not there).
 * Build tools show the message as it is.
 */
@API(status = INTERNAL)
public final class BuildProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BuildProblem(String sentence) {
    super(sentence);
  }

  public BuildProblem(String sentence, Throwable cause) {
    super(sentence, cause);
  }
}
