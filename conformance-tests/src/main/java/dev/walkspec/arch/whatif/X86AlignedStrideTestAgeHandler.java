package dev.walkspec.arch.whatif;

import dev.walkspec.arch.x86.X86TestAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpTestAgeHandler;
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * x86 test_age (C5) with the shadow MMU's stride fixed, from block to block: the kernel's TDP MMU
 * pass, then {@link ShadowAlignedStrideTestAgeHandler}. The test_age handler of the what-if set
 * {@code X86AlignedStride} and the base of x86's known-bad test_age variants.
 */
public class X86AlignedStrideTestAgeHandler extends X86TestAgeHandler {
  public X86AlignedStrideTestAgeHandler() {
    this(new TdpTestAgeHandler(), new ShadowAlignedStrideTestAgeHandler());
  }

  /** Over other passes (variants). */
  protected X86AlignedStrideTestAgeHandler(TestAgeHandler tdp, TestAgeHandler shadow) {
    super(tdp, shadow);
  }
}
