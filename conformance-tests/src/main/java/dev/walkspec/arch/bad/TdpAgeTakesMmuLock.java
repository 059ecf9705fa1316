package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** H1: its TDP MMU pass takes the MMU lock for read around its walk (re-taking a held lock). */
public class TdpAgeTakesMmuLock extends X86AlignedStrideAgeHandler {
  public TdpAgeTakesMmuLock() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected boolean walk(Kvm kvm, GfnRange range, boolean testOnly) {
      kvm.mmuLock().lockRead();
      try {
        return super.walk(kvm, range, testOnly);
      } finally {
        kvm.mmuLock().unlockRead();
      }
    }
  }
}
