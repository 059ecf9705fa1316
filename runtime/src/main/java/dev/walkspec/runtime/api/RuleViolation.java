package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A broken rule or handler obligation detected by the runtime (lockdep-style). It is an {@link
 * AssertionError} so that a handler catching {@code Exception} cannot hide it. The message starts
 * with the rule id ({@code "H1: ..."}).
 */
@API(status = EXPERIMENTAL)
public final class RuleViolation extends AssertionError {
  private static final long serialVersionUID = 1L;
  private static final ThreadLocal<Consumer<RuleViolation>> WATCHERS = new ThreadLocal<>();

  private final String rule;

  public RuleViolation(String rule, String detail) {
    super(rule + ": " + detail, null);
    this.rule = rule;
    Consumer<RuleViolation> watcher = WATCHERS.get();
    if (watcher != null) {
      watcher.accept(this);
    }
  }

  /**
   * Tells {@code watcher} about every violation created in the calling thread from now on (null to
   * stop): an exploring scheduler learns at which step a check failed, before unwinding code takes
   * further steps. Costs nothing until a check fails.
   */
  public static void watchThisThread(Consumer<RuleViolation> watcher) {
    if (watcher == null) {
      WATCHERS.remove();
    } else {
      WATCHERS.set(watcher);
    }
  }

  /** The rule id, e.g. {@code H3}. */
  public String rule() {
    return rule;
  }
}
