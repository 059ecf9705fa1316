package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.ShadowAlignedStrideAccessTrackAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideAccessTrackAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAccessTrackAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H4: its TDP MMU pass retries the access-tracking CAS without bound. */
public class TdpAccessTrackRetriesCas extends X86AlignedStrideAccessTrackAgeHandler {
  public TdpAccessTrackRetriesCas() {
    super(new Pass(), new ShadowAlignedStrideAccessTrackAgeHandler());
  }

  /** The TDP MMU's access-tracking age pass, edited. */
  static final class Pass extends TdpAccessTrackAgeHandler {
    @Override
    protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
      long seen = old;
      while (!leaf.compareAndSet(seen, kvm.codec().clearAccessed(seen))) {
        seen = leaf.load();
      }
    }
  }
}
