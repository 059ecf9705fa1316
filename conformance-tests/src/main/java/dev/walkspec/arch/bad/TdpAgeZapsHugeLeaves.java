package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H7: its lockless TDP MMU pass zaps young huge mappings. */
public class TdpAgeZapsHugeLeaves extends X86AlignedStrideAgeHandler {
  public TdpAgeZapsHugeLeaves() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
      if (leaf.level() > 1) {
        leaf.zap();
      } else {
        super.ageLeaf(kvm, leaf, old);
      }
    }
  }
}
