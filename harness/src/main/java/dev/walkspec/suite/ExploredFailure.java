package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.explore.ExplorationResult;
import java.util.Optional;
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
  private final String obligation;

  ExploredFailure(
      String message, ExplorationResult result, String command, Optional<String> obligation) {
    super(message);
    this.result = result;
    this.command = command;
    this.obligation = obligation.orElse(null);
  }

  /**
   * The spec's obligation the counterexample breaks (H3); empty when it broke none of them (an
   * unexpected exception in a locked walk, a deadlock).
   */
  public Optional<String> obligation() {
    return Optional.ofNullable(obligation);
  }

  public ExplorationResult result() {
    return result;
  }

  /** The command that replays the counterexample ({@code walkspec replay ...}). */
  public String command() {
    return command;
  }
}
