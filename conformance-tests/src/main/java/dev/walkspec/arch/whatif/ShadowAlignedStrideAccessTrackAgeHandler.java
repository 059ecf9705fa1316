package dev.walkspec.arch.whatif;

import dev.walkspec.arch.x86.shadow.RmapStride;
import dev.walkspec.arch.x86.shadow.ShadowAccessTrackAgeHandler;

/**
 * The shadow MMU's access-tracking age pass (no A/D bits) with the what-if fix of its stride, from
 * block to block (H9). Not the kernel's (see {@link ShadowAlignedStrideAgeHandler}).
 */
public class ShadowAlignedStrideAccessTrackAgeHandler extends ShadowAccessTrackAgeHandler {
  public ShadowAlignedStrideAccessTrackAgeHandler() {
    super(RmapStride.BLOCK_ALIGNED);
  }
}
