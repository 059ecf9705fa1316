package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H6: fails (a WARN_ON) when the entry it ages was zapped concurrently. */
public class TdpAgeWarnsOnVanishedEntry extends TdpAgeHandler {
  public TdpAgeWarnsOnVanishedEntry() {}

  @Override
  protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
    long before = leaf.fetchAnd(~kvm.codec().accessedMask());
    if (!kvm.codec().present(before)) {
      throw new IllegalStateException(
          "WARN_ON: aged entry of gfn " + leaf.gfn() + " is no longer present");
    }
  }
}
