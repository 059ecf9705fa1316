package dev.walkspec.arch.whatif;

import dev.walkspec.arch.x86.X86AccessTrackAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAccessTrackAgeHandler;
import dev.walkspec.runtime.api.AgeHandler;

/**
 * x86 age without A/D bits with the shadow MMU's stride fixed, from block to block: the kernel's
 * TDP MMU access-tracking pass, then {@link ShadowAlignedStrideAccessTrackAgeHandler}. The base of
 * the known-bad access-tracking variants (H9 would otherwise fail for the kernel's stride).
 */
public class X86AlignedStrideAccessTrackAgeHandler extends X86AccessTrackAgeHandler {
  public X86AlignedStrideAccessTrackAgeHandler() {
    this(new TdpAccessTrackAgeHandler(), new ShadowAlignedStrideAccessTrackAgeHandler());
  }

  /** Over other passes (variants). */
  protected X86AlignedStrideAccessTrackAgeHandler(AgeHandler tdp, AgeHandler shadow) {
    super(tdp, shadow);
  }
}
