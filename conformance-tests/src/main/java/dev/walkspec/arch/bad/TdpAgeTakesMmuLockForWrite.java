package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

// A lockless handler may take the MMU lock for read (s390 does), never exclusively: that stalls
// every fault and zap behind aging, and under a walk that holds the lock it would deadlock.
/** H1: its lockless TDP MMU pass takes the MMU lock for write around its walk. */
public class TdpAgeTakesMmuLockForWrite extends X86AlignedStrideAgeHandler {
  public TdpAgeTakesMmuLockForWrite() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected boolean walk(Kvm kvm, GfnRange range, boolean testOnly) {
      kvm.mmuLock().lockWrite();
      try {
        return super.walk(kvm, range, testOnly);
      } finally {
        kvm.mmuLock().unlockWrite();
      }
    }
  }
}
