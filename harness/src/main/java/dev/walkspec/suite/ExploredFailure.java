package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.explore.ExplorationResult;
import org.apiguardian.api.API;

/**
 * An explored scenario of a handler suite failed: the message is the explorer's report, the handler
 * under test and the command that replays it; the result keeps the counterexample.
 */
@API(status = EXPERIMENTAL)
public final class ExploredFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient ExplorationResult result;
  private final String command;

  ExploredFailure(String message, ExplorationResult result, String command) {
    super(message);
    this.result = result;
    this.command = command;
  }

  public ExplorationResult result() {
    return result;
  }

  /** The command that replays the counterexample ({@code walkspec replay ...}). */
  public String command() {
    return command;
  }
}
