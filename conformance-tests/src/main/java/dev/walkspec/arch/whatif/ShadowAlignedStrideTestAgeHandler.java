package dev.walkspec.arch.whatif;

import dev.walkspec.arch.x86.shadow.RmapStride;
import dev.walkspec.arch.x86.shadow.ShadowTestAgeHandler;

/**
 * The shadow MMU's test_age pass with the what-if fix of its stride, from block to block, so a
 * young huge block at the range's end is seen (H9, H11). Not the kernel's (see {@link
 * ShadowAlignedStrideAgeHandler}).
 */
public class ShadowAlignedStrideTestAgeHandler extends ShadowTestAgeHandler {
  public ShadowAlignedStrideTestAgeHandler() {
    super(RmapStride.BLOCK_ALIGNED);
  }
}
