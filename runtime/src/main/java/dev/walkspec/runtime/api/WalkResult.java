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

  private static final WalkResult FOUND = new WalkResult(0, true);
  private static final WalkResult YOUNG = new WalkResult(1, false);
  private static final WalkResult YOUNG_FOUND = new WalkResult(1, true);

  /**
   * The result of a walk whose handlers return a boolean (W9 combines them with OR): one of four
   * shared instances, so that a walk allocates no result. A generated walker is usually too large
   * for the JIT to inline into its caller, so escape analysis cannot remove a {@code new
   * WalkResult} there.
   */
  public static WalkResult of(boolean ret, boolean foundMemslot) {
    if (ret) {
      return foundMemslot ? YOUNG_FOUND : YOUNG;
    }
    return foundMemslot ? FOUND : NOTHING;
  }

  /** The boolean reading of {@code ret}: "young" for aging, "flush needed" for unmap. */
  public boolean young() {
    return ret != 0;
  }
}
