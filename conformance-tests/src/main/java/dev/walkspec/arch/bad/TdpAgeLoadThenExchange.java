package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H4/H5: ages with load-then-exchange, no atomic RMW: bits set in between are lost. */
public class TdpAgeLoadThenExchange extends TdpAgeHandler {
  public TdpAgeLoadThenExchange() {}

  @Override
  protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
    leaf.exchange(kvm.codec().clearAccessed(old));
  }
}
