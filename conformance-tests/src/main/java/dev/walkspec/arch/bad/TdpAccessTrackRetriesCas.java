package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAccessTrackAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H4: retries the access-tracking compare-and-swap until it succeeds, without bound. */
public class TdpAccessTrackRetriesCas extends TdpAccessTrackAgeHandler {
  public TdpAccessTrackRetriesCas() {}

  @Override
  protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
    long seen = old;
    while (!leaf.compareAndSet(seen, kvm.codec().clearAccessed(seen))) {
      seen = leaf.load();
    }
  }
}
