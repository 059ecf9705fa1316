package dev.walkspec.arch.x86.shadow;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * Shadow MMU test_age (C5): the read-only reverse-map walk, stopping at the first young entry and
 * changing nothing (H11).
 */
public class ShadowTestAgeHandler extends ShadowRmapAging implements TestAgeHandler {
  public ShadowTestAgeHandler() {
    super(true);
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, true);
  }
}
