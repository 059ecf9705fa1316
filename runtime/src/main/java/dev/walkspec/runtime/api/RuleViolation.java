package dev.walkspec.runtime.api;

/**
 * A broken rule or handler obligation detected by the runtime (lockdep-style). It is an {@link
 * AssertionError} so that a handler catching {@code Exception} cannot hide it. The message starts
 * with the rule id ({@code "H1: ..."}).
 */
public final class RuleViolation extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String rule;

  public RuleViolation(String rule, String detail) {
    super(rule + ": " + detail, null);
    this.rule = rule;
  }

  /** The rule id, e.g. {@code H3}. */
  public String rule() {
    return rule;
  }
}
