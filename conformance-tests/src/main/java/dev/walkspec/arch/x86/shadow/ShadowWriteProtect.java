package dev.walkspec.arch.x86.shadow;

import dev.walkspec.arch.x86.WritableBit;
import dev.walkspec.arch.x86.tdp.TdpWriteProtect;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.api.WriteProtector;

/**
 * The shadow MMU's write-protect path used by dirty logging: holding the MMU lock, it clears the
 * Writable bit of every entry the slot's reverse maps list for a block meeting the range, at every
 * level. Like the TDP MMU's, it must update a volatile entry atomically (H5, {@link WritableBit}).
 */
public class ShadowWriteProtect implements WriteProtector {
  private final WritableBit writable;

  /** The x86 configuration: lockless aging is on. */
  public ShadowWriteProtect() {
    this.writable = new WritableBit(true);
  }

  @Override
  public boolean writeProtect(Kvm kvm, MemSlot slot, long start, long end) {
    kvm.mmuLock().assertHeld("H1", "write-protecting shadow entries for dirty logging");
    TdpWriteProtect.checkRange(slot, start, end);
    PageTables mmu = kvm.mmu(slot.addressSpace());
    if (!mmu.hasRmaps()) {
      return false;
    }
    SlotRmap rmap = mmu.rmap(slot);
    EntryCodec codec = kvm.codec();
    boolean changed = false;
    for (int level = 1; level <= rmap.maxLevel(); level++) {
      for (long gfn = start; gfn < end; gfn = Pages.alignDown(gfn, level) + Pages.pagesAt(level)) {
        try (RmapCursor spte = rmap.lock(gfn, level)) {
          while (spte.next()) {
            long old = spte.load();
            if (codec.present(old) && codec.writable(old)) {
              writable.clear(kvm, spte, old);
              changed = true;
            }
          }
        }
      }
    }
    return changed;
  }
}
