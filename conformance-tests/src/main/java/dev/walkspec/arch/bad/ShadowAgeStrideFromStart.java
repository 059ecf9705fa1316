package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.X86AgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.Pages;

/** H9: its shadow MMU pass strides blocks from range.start, missing a head. */
public class ShadowAgeStrideFromStart extends X86AgeHandler {
  public ShadowAgeStrideFromStart() {
    super(new TdpAgeHandler(), new Pass());
  }

  /** The shadow MMU's age pass, edited. */
  static final class Pass extends ShadowAgeHandler {
    // The stride of the lockless rmap-aging loop as posted upstream: a range that starts inside one
    // 2 MiB block and ends inside the next never visits the second block's head.

    @Override
    protected long nextHead(long gfn, int level) {
      return gfn + Pages.pagesAt(level);
    }
  }
}
