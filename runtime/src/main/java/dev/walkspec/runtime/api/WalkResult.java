package dev.walkspec.runtime.api;

/**
 * What a walk returns (W12): the combined handler result and whether any slot was hit. For walks
 * whose handlers return bool, {@code ret} is 0 or 1; for the int variant (V7) it is the OR of the
 * results, or the first negative error.
 */
public record WalkResult(long ret, boolean foundMemslot) {
  public static final WalkResult NOTHING = new WalkResult(0, false);

  /** The boolean result ("young", "flush needed"). */
  public boolean young() {
    return ret != 0;
  }
}
