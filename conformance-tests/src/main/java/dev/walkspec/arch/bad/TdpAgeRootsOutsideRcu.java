package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import java.util.List;

/** H3: its TDP MMU pass lists the roots before entering the RCU read section. */
public class TdpAgeRootsOutsideRcu extends X86AlignedStrideAgeHandler {
  public TdpAgeRootsOutsideRcu() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected boolean walk(Kvm kvm, GfnRange range, boolean testOnly) {
      List<Root> roots = roots(kvm, range.slot().addressSpace());
      kvm.rcu().readLock();
      try {
        return walkRoots(kvm, range, roots, testOnly);
      } finally {
        kvm.rcu().readUnlock();
      }
    }
  }
}
