package dev.walkspec.runtime.gmem;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.GmemBinding;
import dev.walkspec.runtime.api.MemSlot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A guest_memfd file of one VM: whether it was created with GUEST_MEMFD_FLAG_INIT_SHARED (its pages
 * start out shared, and the host may map them), and its bindings, file page offset to memslot, that
 * an invalidation of a range of file pages walks.
 *
 * <p>Upstream, binding and unbinding change the file's xarray under the filemap invalidate lock,
 * which every invalidation holds from its begin to its end, so the bindings an invalidation sees
 * cannot change between the two; here bindings are made in a scenario's setup only, and reading
 * them is not a yield point.
 */
@API(status = INTERNAL)
public final class GuestMemfd {
  private final int id;
  private final boolean initShared;
  private volatile List<GmemBinding> bindings = List.of();

  public GuestMemfd(int id, boolean initShared) {
    this.id = id;
    this.initShared = initShared;
  }

  public int id() {
    return id;
  }

  /** Whether the file was created with GUEST_MEMFD_FLAG_INIT_SHARED. */
  public boolean initShared() {
    return initShared;
  }

  /**
   * Binds file pages {@code [pgoff, pgoff + slot.npages)} to {@code slot}.
   *
   * @throws IllegalArgumentException if the slot is bound already or the pages overlap another
   *     binding (upstream refuses both with EEXIST)
   */
  public synchronized GmemBinding bind(MemSlot slot, long pgoff) {
    GmemBinding binding = new GmemBinding(slot, pgoff);
    for (GmemBinding other : bindings) {
      if (other.slot().equals(slot)) {
        throw new IllegalArgumentException(
            "slot " + slot.id() + " is bound to guest_memfd " + id + " already: " + other);
      }
      if (other.overlaps(binding.pgoff(), binding.pgoffEnd())) {
        throw new IllegalArgumentException(
            "guest_memfd " + id + ": " + binding + " overlaps the binding of " + other);
      }
    }
    List<GmemBinding> more = new ArrayList<>(bindings);
    more.add(binding);
    more.sort(Comparator.comparingLong(GmemBinding::pgoff));
    bindings = List.copyOf(more);
    return binding;
  }

  /** The bindings holding a file page of {@code [start, end)}, in page-offset order. */
  public List<GmemBinding> bindingsIn(long start, long end) {
    List<GmemBinding> found = new ArrayList<>();
    for (GmemBinding binding : bindings) {
      if (binding.overlaps(start, end)) {
        found.add(binding);
      }
    }
    return found;
  }

  /** Whether any binding holds a file page of {@code [start, end)}. */
  public boolean anyBindingIn(long start, long end) {
    return !bindingsIn(start, end).isEmpty();
  }

  /** Every binding, in page-offset order. */
  public List<GmemBinding> bindings() {
    return bindings;
  }

  @Override
  public String toString() {
    return "guest_memfd " + id + (initShared ? " (INIT_SHARED)" : "");
  }
}
