package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.ShadowAlignedStrideAccessTrackAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideAccessTrackAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAccessTrackAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H1: its lockless shadow MMU pass asserts the MMU write lock. */
public class ShadowAgeAssertsMmuLock extends X86AlignedStrideAccessTrackAgeHandler {
  public ShadowAgeAssertsMmuLock() {
    super(new TdpAccessTrackAgeHandler(), new Pass());
  }

  /** The shadow MMU's access-tracking age pass, edited. */
  static final class Pass extends ShadowAlignedStrideAccessTrackAgeHandler {
    @Override
    protected void ageEntry(Kvm kvm, EntryCursor spte, long old) {
      kvm.mmuLock().assertHeldWrite("H1", "marking a shadow entry for access tracking");
      super.ageEntry(kvm, spte, old);
    }
  }
}
