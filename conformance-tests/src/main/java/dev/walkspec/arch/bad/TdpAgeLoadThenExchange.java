package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/**
 * H4/H5: lockless aging writes "old without Accessed" with an atomic exchange; each access is
 * atomic but load-then-exchange is no atomic read-modify-write, so a bit set in between is lost.
 */
public class TdpAgeLoadThenExchange extends TdpAgeHandler {
  public TdpAgeLoadThenExchange() {}

  @Override
  protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
    leaf.exchange(kvm.codec().clearAccessed(old));
  }
}
