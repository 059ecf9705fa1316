package dev.walkspec.semantics;

import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Statement-by-statement Java renderings of the kernel's two other range walks, written from the C
 * functions (virt/kvm/guest_memfd.c of v6.18/v7.0, virt/kvm/kvm_main.c), not from the walkspec
 * spec, so that agreeing with the interpreter means something:
 *
 * <ul>
 *   <li>the guest_memfd invalidation: {@code kvm_gmem_get_invalidate_filter}, the per-file {@code
 *       __kvm_gmem_invalidate_begin} and {@code __kvm_gmem_invalidate_end};
 *   <li>{@code kvm_handle_gfn_range}, the memory-attribute walk.
 * </ul>
 *
 * <p>Local names follow the C (found_memslot, flush, gfn_range); the xarray and the gfn-ordered
 * memslot iterator are written out here with their own arithmetic rather than with the
 * interpreter's helpers.
 */
final class KernelGmemWalk {
  /** Which filter helper the kernel has: since 5d3341d684be, or the hard-coded one before it. */
  enum FilterHelper {
    V6_18_RC2,
    HARD_CODED_PRIVATE
  }

  private static final String SHARED = "KVM_FILTER_SHARED";
  private static final String PRIVATE = "KVM_FILTER_PRIVATE";

  private final boolean rwlock;
  private final Scenario scenario;
  private final List<TraceEvent> events = new ArrayList<>();
  private int calls;

  KernelGmemWalk(boolean rwlock, Scenario scenario) {
    this.rwlock = rwlock;
    this.scenario = scenario;
  }

  /** kvm_gmem_get_invalidate_filter: one filter or the other, never both. */
  static String invalidateFilter(FilterHelper helper, boolean initShared) {
    if (helper == FilterHelper.HARD_CODED_PRIVATE) {
      return PRIVATE;
    }
    return initShared ? SHARED : PRIVATE;
  }

  /** __kvm_gmem_invalidate_begin(f, start, end, attr_filter). */
  Trace invalidateBegin(long start, long end, String attrFilter) {
    boolean flush = false;
    boolean foundMemslot = false;
    // xa_for_each_range(&f->bindings, index, slot, start, end - 1)
    for (long[] entry : bindingsInRange(start, end - 1)) {
      Scenario.Slot slot = slotById((int) entry[0]);
      long pgoff = entry[1]; // slot->gmem.pgoff
      long gfnStart = slot.baseGfn() + Math.max(pgoff, start) - pgoff;
      long gfnEnd = slot.baseGfn() + Math.min(pgoff + slot.npages(), end) - pgoff;
      if (!foundMemslot) {
        foundMemslot = true;
        events.add(new TraceEvent.Lock(mmuLockMode())); // KVM_MMU_LOCK(kvm)
        events.add(new TraceEvent.OnLock("invalidate_begin")); // kvm_mmu_invalidate_begin(kvm)
      }
      // flush |= kvm_mmu_unmap_gfn_range(kvm, &gfn_range), may_block = true
      flush |= callHandler(addressSpaceOf(slot), slot, gfnStart, gfnEnd, attrFilter);
    }
    if (flush) {
      events.add(new TraceEvent.Flush()); // kvm_flush_remote_tlbs(kvm)
    }
    if (foundMemslot) {
      events.add(new TraceEvent.Unlock(mmuLockMode())); // KVM_MMU_UNLOCK(kvm)
    }
    return finish(flush, foundMemslot);
  }

  /** __kvm_gmem_invalidate_end(f, start, end). */
  Trace invalidateEnd(long start, long end) {
    // xa_find(&f->bindings, &start, end - 1, XA_PRESENT)
    boolean present = !bindingsInRange(start, end - 1).isEmpty();
    if (present) {
      events.add(new TraceEvent.Lock(mmuLockMode()));
      events.add(new TraceEvent.OnLock("invalidate_end")); // kvm_mmu_invalidate_end(kvm)
      events.add(new TraceEvent.Unlock(mmuLockMode()));
    }
    return finish(false, present);
  }

  /**
   * kvm_handle_gfn_range(kvm, range) with the pre-set range of kvm_vm_set_mem_attributes: handler
   * kvm_pre_set_memory_attributes, on_lock kvm_mmu_invalidate_begin, flush_on_ret true.
   */
  Trace handleGfnRange(int nrAddressSpaces, long start, long end, boolean flushOnRet) {
    boolean ret = false;
    boolean foundMemslot = false;
    for (int i = 0; i < nrAddressSpaces; i++) {
      List<Scenario.Slot> slots =
          i < scenario.addressSpaces().size() ? scenario.addressSpaces().get(i).slots() : List.of();
      // kvm_for_each_memslot_in_gfn_range: by base gfn, from the slot holding start (or the next)
      // while the slot begins below end
      List<Scenario.Slot> ordered = new ArrayList<>(slots);
      ordered.sort(Comparator.comparingLong(Scenario.Slot::baseGfn));
      for (Scenario.Slot slot : ordered) {
        if (slot.baseGfn() + slot.npages() <= start || slot.baseGfn() >= end) {
          continue;
        }
        long gfnStart = Math.max(start, slot.baseGfn());
        long gfnEnd = Math.min(end, slot.baseGfn() + slot.npages());
        if (gfnStart >= gfnEnd) {
          continue;
        }
        if (!foundMemslot) {
          foundMemslot = true;
          events.add(new TraceEvent.Lock(mmuLockMode()));
          events.add(new TraceEvent.OnLock("invalidate_begin")); // range->on_lock(kvm)
        }
        ret |= callHandler(i, slot, gfnStart, gfnEnd, "");
      }
    }
    if (flushOnRet && ret) {
      events.add(new TraceEvent.Flush());
    }
    if (foundMemslot) {
      events.add(new TraceEvent.Unlock(mmuLockMode()));
    }
    return finish(ret, foundMemslot);
  }

  /** The file's bindings {slot id, pgoff} whose page offsets meet [first, last], by pgoff. */
  private List<long[]> bindingsInRange(long first, long last) {
    List<long[]> found = new ArrayList<>();
    for (Scenario.GmemBinding b : scenario.gmem()) {
      long lastIndex = b.pgoff() + slotById(b.slot()).npages() - 1;
      if (first <= last && b.pgoff() <= last && lastIndex >= first) {
        found.add(new long[] {b.slot(), b.pgoff()});
      }
    }
    found.sort(Comparator.comparingLong(e -> e[1]));
    return found;
  }

  private Scenario.Slot slotById(int id) {
    for (Scenario.AddressSpace space : scenario.addressSpaces()) {
      for (Scenario.Slot slot : space.slots()) {
        if (slot.id() == id) {
          return slot;
        }
      }
    }
    throw new IllegalArgumentException("no slot " + id);
  }

  private int addressSpaceOf(Scenario.Slot slot) {
    for (int as = 0; as < scenario.addressSpaces().size(); as++) {
      if (scenario.addressSpaces().get(as).slots().contains(slot)) {
        return as;
      }
    }
    throw new IllegalArgumentException("slot " + slot.id() + " is in no address space");
  }

  private boolean callHandler(
      int as, Scenario.Slot slot, long gfnStart, long gfnEnd, String attrFilter) {
    List<Long> results = scenario.handlerResults();
    boolean result = calls < results.size() && results.get(calls) != 0;
    calls++;
    events.add(
        new TraceEvent.Call(as, slot.id(), gfnStart, gfnEnd, attrFilter, Boolean.toString(result)));
    return result;
  }

  /** KVM_MMU_LOCK is write_lock on KVM_HAVE_MMU_RWLOCK arches, spin_lock elsewhere. */
  private LockMode mmuLockMode() {
    return rwlock ? LockMode.WRITE : LockMode.SPIN;
  }

  /** The walks return nothing; the trace ends with their final state, as the interpreter's. */
  private Trace finish(boolean ret, boolean foundMemslot) {
    events.add(new TraceEvent.Result(Boolean.toString(ret), foundMemslot));
    return new Trace(events);
  }
}
