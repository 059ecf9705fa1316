package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H4/H5: lockless age clears Accessed with a plain store of the value it read. */
public class TdpAgePlainStore extends TdpAgeHandler {
  public TdpAgePlainStore() {}

  @Override
  protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
    leaf.store(kvm.codec().clearAccessed(old));
  }
}
