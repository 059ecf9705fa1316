package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A memslot: {@code npages} guest frames starting at {@code baseGfn}, backed by host memory
 * starting at {@code userspaceAddr}. Immutable; the constructor rejects anything a real memslot
 * cannot be.
 */
@API(status = STABLE)
public record MemSlot(
    int addressSpace, int id, long baseGfn, long npages, long userspaceAddr, int flags) {

  /** The slot logs dirty pages: faults map it with base pages only. */
  public static final int LOG_DIRTY_PAGES = 1;

  /** The slot is read-only for the guest: write faults do not install a mapping. */
  public static final int READONLY = 2;

  public MemSlot {
    if (addressSpace < 0) {
      throw new IllegalArgumentException(
          "slot " + id + ": address space must be >= 0, got " + addressSpace);
    }
    if (id < 0) {
      throw new IllegalArgumentException("slot id must be >= 0, got " + id);
    }
    if (npages <= 0) {
      throw new IllegalArgumentException(
          "slot "
              + id
              + ": zero-page slot (npages="
              + npages
              + "); a memslot maps at least 1 page");
    }
    if (baseGfn < 0 || baseGfn > Pages.MAX_GFN - npages) {
      throw new IllegalArgumentException(
          "slot "
              + id
              + ": gfns ["
              + baseGfn
              + ", "
              + baseGfn
              + "+"
              + npages
              + ") leave the guest physical space [0, "
              + Pages.MAX_GFN
              + ")");
    }
    if (userspaceAddr < 0 || (userspaceAddr & (Pages.SIZE - 1)) != 0) {
      throw new IllegalArgumentException(
          "slot "
              + id
              + ": userspace_addr 0x"
              + Long.toHexString(userspaceAddr)
              + " is negative or not page aligned");
    }
    if (npages > ((Long.MAX_VALUE - Pages.SIZE - userspaceAddr) >>> Pages.SHIFT)) {
      throw new IllegalArgumentException(
          "slot " + id + ": hva range of " + npages + " pages overflows the host address space");
    }
  }

  /** One past the last gfn of the slot. */
  public long gfnEnd() {
    return baseGfn + npages;
  }

  /** One past the last hva byte of the slot. */
  public long hvaEnd() {
    return userspaceAddr + (npages << Pages.SHIFT);
  }

  /** The last hva byte of the slot (inclusive end, as used by the interval tree, W4). */
  public long hvaLast() {
    return hvaEnd() - 1;
  }

  /** The gfn that holds {@code hva}, rounding down (W6's hva_to_gfn). */
  public long hvaToGfn(long hva) {
    return baseGfn + ((hva - userspaceAddr) >> Pages.SHIFT);
  }

  /** The first hva byte of {@code gfn}. */
  public long gfnToHva(long gfn) {
    return userspaceAddr + ((gfn - baseGfn) << Pages.SHIFT);
  }

  /** Whether {@code gfn} lies in this slot. */
  public boolean containsGfn(long gfn) {
    return gfn >= baseGfn && gfn < gfnEnd();
  }

  /** Whether the slot's hva range meets the inclusive range {@code [lo, hi]} (W4). */
  public boolean intersectsHva(long lo, long hi) {
    return userspaceAddr <= hi && hvaLast() >= lo;
  }

  /** Whether this slot has {@code flag} set. */
  public boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
