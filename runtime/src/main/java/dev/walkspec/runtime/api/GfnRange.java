package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a handler receives for one (address space, slot) hit: a non-empty, page-granular gfn range
 * inside the slot ({@code end} exclusive), plus the walk's pass-through values (W6, W13).
 */
@API(status = STABLE)
public record GfnRange(
    MemSlot slot,
    long start,
    long end,
    long arg,
    AttrFilter attrFilter,
    boolean mayBlock,
    boolean lockless) {

  public GfnRange {
    Objects.requireNonNull(slot, "W6: gfn range without a slot");
    Objects.requireNonNull(attrFilter, "W6: gfn range without an attr_filter");
    if (start >= end) {
      throw new IllegalArgumentException(
          "W6: gfn range [" + start + "," + end + ") is empty: start must be below end");
    }
    if (start < slot.baseGfn() || end > slot.gfnEnd()) {
      throw new IllegalArgumentException(
          "W6: gfn range ["
              + start
              + ","
              + end
              + ") is outside slot "
              + slot.id()
              + " whose gfns are ["
              + slot.baseGfn()
              + ","
              + slot.gfnEnd()
              + ")");
    }
  }

  /**
   * The range a walk hands to the handler for {@code slot} and the hva range {@code [hvaStart,
   * hvaEnd)}: clip to the slot (W5), then take every page that overlaps the clipped bytes (W6).
   *
   * @throws IllegalArgumentException if the hva range does not meet the slot
   */
  public static GfnRange forHva(
      MemSlot slot, long hvaStart, long hvaEnd, long arg, boolean mayBlock, boolean lockless) {
    long clippedStart = Math.max(hvaStart, slot.userspaceAddr());
    long clippedEnd = Math.min(hvaEnd, slot.hvaEnd());
    if (clippedStart >= clippedEnd) {
      throw new IllegalArgumentException(
          "W5: hva range [0x"
              + Long.toHexString(hvaStart)
              + ",0x"
              + Long.toHexString(hvaEnd)
              + ") does not meet slot "
              + slot.id());
    }
    long gfnStart = slot.hvaToGfn(clippedStart);
    long gfnEnd = slot.hvaToGfn(clippedEnd + Pages.SIZE - 1);
    return new GfnRange(slot, gfnStart, gfnEnd, arg, AttrFilter.SHARED, mayBlock, lockless);
  }

  /**
   * The range a guest_memfd invalidation of file pages {@code [start, end)} hands the handler for
   * one {@code binding}: the file pages are clipped to the binding (W5) and turned into the gfns
   * they back, {@code base_gfn + max(pgoff, start) - pgoff} up to {@code base_gfn + min(pgoff +
   * npages, end) - pgoff} (W6), with may_block set and {@code filter} passed through, as
   * __kvm_gmem_invalidate_begin builds it (arg zero, never lockless).
   *
   * @throws IllegalArgumentException if the page range is empty or does not meet the binding
   */
  public static GfnRange forGmem(GmemBinding binding, long start, long end, AttrFilter filter) {
    if (start >= end) {
      throw new IllegalArgumentException(
          "W5: file page range [" + start + "," + end + ") is empty: start must be below end");
    }
    if (!binding.overlaps(start, end)) {
      throw new IllegalArgumentException(
          "W5: file page range ["
              + start
              + ","
              + end
              + ") does not meet the binding of "
              + binding);
    }
    MemSlot slot = binding.slot();
    long gfnStart = slot.baseGfn() + Math.max(binding.pgoff(), start) - binding.pgoff();
    long gfnEnd = slot.baseGfn() + Math.min(binding.pgoffEnd(), end) - binding.pgoff();
    return new GfnRange(slot, gfnStart, gfnEnd, 0, filter, true, false);
  }

  /** Number of pages in the range. */
  public long pages() {
    return end - start;
  }

  /** Whether {@code gfn} lies in {@code [start, end)}. */
  public boolean contains(long gfn) {
    return gfn >= start && gfn < end;
  }
}
