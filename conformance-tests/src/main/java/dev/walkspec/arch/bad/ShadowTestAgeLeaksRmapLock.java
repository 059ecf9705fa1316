package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.ShadowAlignedStrideTestAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideTestAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpTestAgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.SlotRmap;

/** H2: its shadow MMU pass returns early keeping an rmap head's bit lock. */
public class ShadowTestAgeLeaksRmapLock extends X86AlignedStrideTestAgeHandler {
  public ShadowTestAgeLeaksRmapLock() {
    super(new TdpTestAgeHandler(), new Pass());
  }

  /** The shadow MMU's test_age pass, edited. */
  static final class Pass extends ShadowAlignedStrideTestAgeHandler {
    @Override
    protected boolean walk(Kvm kvm, GfnRange range, boolean testOnly) {
      PageTables mmu = kvm.mmu(range.slot().addressSpace());
      if (!mmu.hasRmaps()) {
        return false;
      }
      SlotRmap rmap = mmu.rmap(range.slot());
      EntryCodec codec = kvm.codec();
      for (int level = 1; level <= rmap.maxLevel(); level++) {
        for (long gfn = range.start(); gfn < range.end(); gfn = stride().next(gfn, level)) {
          RmapCursor spte = rmap.lock(gfn, level);
          while (spte.next()) {
            long entry = spte.load();
            if (codec.present(entry) && codec.accessed(entry)) {
              return true;
            }
          }
          spte.close();
        }
      }
      return false;
    }
  }
}
