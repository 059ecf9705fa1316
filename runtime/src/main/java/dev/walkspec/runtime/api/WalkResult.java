package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What a walk returns (W12): {@code ret}, the OR of the handler results (for the int variant, V7,
 * the combined int), and whether any slot was hit.
 */
@API(status = EXPERIMENTAL)
public record WalkResult(long ret, boolean foundMemslot) {
  /** The result of a walk that hit nothing, or whose guard fired (W1). */
  public static final WalkResult NOTHING = new WalkResult(0, false);

  /** The boolean reading of {@code ret}: "young" for aging, "flush needed" for unmap. */
  public boolean young() {
    return ret != 0;
  }
}
