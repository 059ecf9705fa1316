package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One binding of a guest_memfd file: the file pages {@code [pgoff, pgoff + slot.npages)} back the
 * gfns of {@code slot}, page for page from {@code slot.baseGfn}. Upstream keeps these in the file's
 * xarray of bindings, indexed by page offset, with the offset in the slot's gmem.pgoff.
 */
@API(status = EXPERIMENTAL)
public record GmemBinding(MemSlot slot, long pgoff) {
  public GmemBinding {
    Objects.requireNonNull(slot, "gmem binding without a slot");
    if (pgoff < 0 || pgoff > Long.MAX_VALUE - slot.npages()) {
      throw new IllegalArgumentException(
          "slot "
              + slot.id()
              + ": gmem page offset "
              + pgoff
              + " is negative or leaves no room for its "
              + slot.npages()
              + " pages");
    }
  }

  /** One past the last file page of the binding. */
  public long pgoffEnd() {
    return pgoff + slot.npages();
  }

  /** Whether the binding holds a file page of {@code [start, end)}. */
  public boolean overlaps(long start, long end) {
    // an empty range holds no page: xa_for_each_range over [start, end - 1] finds nothing
    return start < end && pgoff < end && start < pgoffEnd();
  }

  /** The gfn that file page {@code index} (inside the binding) backs. */
  public long gfnOf(long index) {
    if (index < pgoff || index >= pgoffEnd()) {
      throw new IllegalArgumentException(
          "file page "
              + index
              + " is not in the binding of slot "
              + slot.id()
              + " (pages ["
              + pgoff
              + ","
              + pgoffEnd()
              + "))");
    }
    return slot.baseGfn() + index - pgoff;
  }

  @Override
  public String toString() {
    return "slot " + slot.id() + " at file pages [" + pgoff + "," + pgoffEnd() + ")";
  }
}
