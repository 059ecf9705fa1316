package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H4/H5: its TDP MMU pass clears Accessed with a plain store of the value it read. */
public class TdpAgePlainStore extends X86AlignedStrideAgeHandler {
  public TdpAgePlainStore() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
      leaf.store(kvm.codec().clearAccessed(old));
    }
  }
}
