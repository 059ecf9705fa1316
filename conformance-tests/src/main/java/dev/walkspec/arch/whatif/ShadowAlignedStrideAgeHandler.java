package dev.walkspec.arch.whatif;

import dev.walkspec.arch.x86.shadow.RmapStride;
import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;

/**
 * The shadow MMU's age pass with the what-if fix of its stride: from block to block, so every
 * reverse-map head whose block meets the range is visited (H9). Not the kernel's: the kernel steps
 * from range.start ({@link RmapStride#FROM_START}).
 */
public class ShadowAlignedStrideAgeHandler extends ShadowAgeHandler {
  public ShadowAlignedStrideAgeHandler() {
    super(true, RmapStride.BLOCK_ALIGNED);
  }
}
