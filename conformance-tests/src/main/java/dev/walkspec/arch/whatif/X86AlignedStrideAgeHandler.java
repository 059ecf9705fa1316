package dev.walkspec.arch.whatif;

import dev.walkspec.arch.x86.X86AgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.AgeHandler;

/**
 * x86 age (C3, C4) as the notifier calls it, with the shadow MMU's stride fixed (what if the rmap
 * aging walk stepped from block to block): the kernel's TDP MMU pass, then {@link
 * ShadowAlignedStrideAgeHandler}. The age handler of the what-if set {@code X86AlignedStride}, and
 * the base of x86's known-bad age variants, so that each fails for its one planted edit, not for
 * the kernel's stride (H9).
 */
public class X86AlignedStrideAgeHandler extends X86AgeHandler {
  public X86AlignedStrideAgeHandler() {
    this(new TdpAgeHandler());
  }

  /** Over another TDP MMU pass (variants); the shadow MMU's is the what-if one. */
  protected X86AlignedStrideAgeHandler(AgeHandler tdp) {
    this(tdp, new ShadowAlignedStrideAgeHandler());
  }

  /** Over other passes (variants of the shadow MMU's pass). */
  protected X86AlignedStrideAgeHandler(AgeHandler tdp, AgeHandler shadow) {
    super(tdp, shadow);
  }
}
