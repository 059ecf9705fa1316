package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H7: lockless aging zaps young huge mappings (to re-fault them as 4 KiB pages). */
public class TdpAgeZapsHugeLeaves extends TdpAgeHandler {
  public TdpAgeZapsHugeLeaves() {}

  @Override
  protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
    if (leaf.level() > 1) {
      leaf.zap();
    } else {
      super.ageLeaf(kvm, leaf, old);
    }
  }
}
