package dev.walkspec.arch.x86.shadow;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * Shadow MMU test_age (C5): the read-only reverse-map walk, stopping at the first young entry and
 * changing nothing (H11). The kernel runs the aging walk with a test-only flag, so test_age has its
 * stride from range.start too, and can answer "old" for a range whose missed block is young (H9,
 * {@link RmapStride#FROM_START}).
 */
public class ShadowTestAgeHandler extends ShadowRmapAging implements TestAgeHandler {
  public ShadowTestAgeHandler() {
    this(RmapStride.FROM_START);
  }

  /** For the what-if stride and variants. */
  protected ShadowTestAgeHandler(RmapStride stride) {
    super(true, stride);
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, true);
  }
}
