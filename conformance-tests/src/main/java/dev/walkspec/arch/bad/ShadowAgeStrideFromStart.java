package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.runtime.api.Pages;

/** H9: strides whole blocks from {@code range.start}, missing the next block's head. */
public class ShadowAgeStrideFromStart extends ShadowAgeHandler {
  public ShadowAgeStrideFromStart() {}

  // The stride of the lockless rmap-aging loop as posted upstream: a range that starts inside one
  // 2 MiB block and ends inside the next never visits the second block's head.

  @Override
  protected long nextHead(long gfn, int level) {
    return gfn + Pages.pagesAt(level);
  }
}
