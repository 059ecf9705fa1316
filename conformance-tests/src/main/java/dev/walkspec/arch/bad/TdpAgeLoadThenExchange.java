package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H4/H5: its TDP MMU pass ages with load-then-exchange: bits set between are lost. */
public class TdpAgeLoadThenExchange extends X86AlignedStrideAgeHandler {
  public TdpAgeLoadThenExchange() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
      leaf.exchange(kvm.codec().clearAccessed(old));
    }
  }
}
