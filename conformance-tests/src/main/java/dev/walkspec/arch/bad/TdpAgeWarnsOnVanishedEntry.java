package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H6: its TDP MMU pass fails (a WARN_ON) on an entry zapped meanwhile. */
public class TdpAgeWarnsOnVanishedEntry extends X86AlignedStrideAgeHandler {
  public TdpAgeWarnsOnVanishedEntry() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
      long before = leaf.fetchAnd(~kvm.codec().accessedMask());
      if (!kvm.codec().present(before)) {
        throw new IllegalStateException(
            "WARN_ON: aged entry of gfn " + leaf.gfn() + " is no longer present");
      }
    }
  }
}
