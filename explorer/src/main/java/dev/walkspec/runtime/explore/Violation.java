package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Thrown by a {@link Monitor} when a run breaks its invariant: the obligation ({@code H5}), others
 * that the same failure breaks, the rule (the check that caught it) and the message.
 */
@API(status = INTERNAL)
public final class Violation extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String obligation;
  private final List<String> related;
  private final String rule;

  public Violation(String obligation, String rule, String message) {
    this(obligation, List.of(), rule, message);
  }

  public Violation(String obligation, List<String> related, String rule, String message) {
    super(message, null, false, false);
    this.obligation = Objects.requireNonNull(obligation, "obligation");
    this.related = List.copyOf(related);
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  public String obligation() {
    return obligation;
  }

  public List<String> related() {
    return related;
  }

  public String rule() {
    return rule;
  }
}
