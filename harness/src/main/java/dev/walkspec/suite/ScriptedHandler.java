package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.IntGfnHandler;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A handler that returns the scenario's results in order (0 / false once they run out), as a bool
 * handler or an int one (V7). Each call goes through {@code Kvm.callHandler}, so it is also checked
 * for the lock context the walker promises (W7, H1): held exactly when not lockless.
 */
@API(status = INTERNAL)
public final class ScriptedHandler {
  private final List<Long> results;
  private int next;

  public ScriptedHandler(List<Long> results) {
    this.results = List.copyOf(results);
  }

  private long nextResult() {
    long result = next < results.size() ? results.get(next) : 0;
    next++;
    return result;
  }

  public GfnHandler bool() {
    return (kvm, range) -> kvm.callHandler((k, r) -> nextResult() != 0, range);
  }

  public IntGfnHandler ints() {
    return (kvm, range) -> kvm.callIntHandler((k, r) -> (int) nextResult(), range);
  }
}
