package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.X86AgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H7: its lockless TDP MMU pass zaps young huge mappings. */
public class TdpAgeZapsHugeLeaves extends X86AgeHandler {
  public TdpAgeZapsHugeLeaves() {
    super(new Pass(), new ShadowAgeHandler());
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
