package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.ShadowAlignedStrideTestAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideTestAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpTestAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** H11: its TDP MMU pass runs the aging walk, clearing the bits it should read. */
public class TdpTestAgeClears extends X86AlignedStrideTestAgeHandler {
  public TdpTestAgeClears() {
    super(new Pass(), new ShadowAlignedStrideTestAgeHandler());
  }

  /** The TDP MMU's test_age pass, edited. */
  static final class Pass extends TdpTestAgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      return walk(kvm, range, false);
    }
  }
}
