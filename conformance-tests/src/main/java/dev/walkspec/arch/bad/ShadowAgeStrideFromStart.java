package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.runtime.api.Pages;

/**
 * H9: steps from {@code range.start} by whole blocks instead of from block boundaries, so a range
 * that starts inside one 2 MiB block and ends inside the next never visits the second block's
 * reverse-map head (the stride of the posted lockless rmap-aging loop).
 */
public class ShadowAgeStrideFromStart extends ShadowAgeHandler {
  public ShadowAgeStrideFromStart() {}

  @Override
  protected long nextHead(long gfn, int level) {
    return gfn + Pages.pagesAt(level);
  }
}
