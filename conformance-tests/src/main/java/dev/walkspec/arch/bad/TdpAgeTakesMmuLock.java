package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** H1: the lockless age handler takes the MMU lock for read around its walk. */
public class TdpAgeTakesMmuLock extends TdpAgeHandler {
  public TdpAgeTakesMmuLock() {}

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
