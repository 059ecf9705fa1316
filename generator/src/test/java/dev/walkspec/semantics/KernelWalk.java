package dev.walkspec.semantics;

import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement-by-statement Java rendering of the kernel's {@code kvm_handle_hva_range} in three
 * forms: v6.15 (lockless aging merged), v6.14 (before it), and v6.15 with the v6.8-v6.9 `break` for
 * a null handler (V2). It is written from the structure of the C function, not from the walkspec
 * spec, so that agreeing with the interpreter means something. Labels, loop shapes and local names
 * follow the C function (r.ret, r.found_memslot, the mmu_unlock label) so a reviewer can hold the
 * two side by side.
 */
final class KernelWalk {
  enum Version {
    V6_15,
    V6_14,
    V6_15_WITH_BREAK
  }

  /** The fields of the C {@code struct kvm_mmu_notifier_range} the walk reads. */
  record Range(
      long start,
      long end,
      boolean handlerIsNull,
      boolean onLockIsNull,
      boolean flushOnRet,
      boolean mayBlock,
      boolean lockless) {}

  private final Version version;
  private final boolean rwlock;
  private final int nrAddressSpaces;
  private final List<Scenario.AddressSpace> memslots;
  private final List<Long> handlerResults;
  private final List<TraceEvent> events = new ArrayList<>();
  private int calls;

  KernelWalk(Version version, boolean rwlock, int nrAddressSpaces, Scenario scenario) {
    this.version = version;
    this.rwlock = rwlock;
    this.nrAddressSpaces = nrAddressSpaces;
    this.memslots = scenario.addressSpaces();
    this.handlerResults = scenario.handlerResults();
  }

  Trace handleHvaRange(Range range) {
    boolean retVal = false; // r.ret
    boolean foundMemslot = false; // r.found_memslot

    // The WARN_ON_ONCE guards; each returns r untouched.
    if (range.end() <= range.start()) {
      return warn("W1a");
    }
    if (range.handlerIsNull() && range.onLockIsNull()) {
      return warn("W1b");
    }
    if (version != Version.V6_14 && range.lockless() && !range.onLockIsNull()) {
      return warn("W1c");
    }

    events.add(new TraceEvent.SrcuLock()); // idx = srcu_read_lock(&kvm->srcu)

    mmuUnlock:
    {
      for (int i = 0; i < nrAddressSpaces; i++) {
        Scenario.AddressSpace slots =
            i < memslots.size() ? memslots.get(i) : new Scenario.AddressSpace(List.of());
        // kvm_for_each_memslot_in_hva_range(node, slots, range->start, range->end - 1)
        for (Scenario.Slot slot : Layouts.overlapping(slots, range.start(), range.end() - 1)) {
          long hvaStart = Math.max(range.start(), slot.userspaceAddr());
          long hvaEnd = Math.min(range.end(), slot.userspaceAddr() + (slot.npages() << 12));
          long gfnStart = hvaToGfnMemslot(hvaStart, slot);
          long gfnEnd = hvaToGfnMemslot(hvaEnd + 4096 - 1, slot);

          if (!foundMemslot) {
            foundMemslot = true;
            boolean takesLock = version == Version.V6_14 || !range.lockless();
            if (takesLock) {
              events.add(new TraceEvent.Lock(mmuLockMode())); // KVM_MMU_LOCK(kvm)
              if (!range.onLockIsNull()) {
                events.add(new TraceEvent.OnLock("on_lock"));
              }
              if (range.handlerIsNull()) {
                if (version == Version.V6_15_WITH_BREAK) {
                  break; // leaves only the memslot loop
                }
                break mmuUnlock; // goto mmu_unlock
              }
            }
          }
          retVal |= callHandler(i, slot, gfnStart, gfnEnd);
        }
      }

      if (range.flushOnRet() && retVal) {
        events.add(new TraceEvent.Flush()); // kvm_flush_remote_tlbs(kvm)
      }
    }
    // mmu_unlock:
    boolean locked = version == Version.V6_14 ? foundMemslot : foundMemslot && !range.lockless();
    if (locked) {
      events.add(new TraceEvent.Unlock(mmuLockMode())); // KVM_MMU_UNLOCK(kvm)
    }
    events.add(new TraceEvent.SrcuUnlock()); // srcu_read_unlock(&kvm->srcu, idx)
    events.add(new TraceEvent.Result(Boolean.toString(retVal), foundMemslot));
    return new Trace(events);
  }

  private Trace warn(String guard) {
    events.add(new TraceEvent.Warn(guard));
    events.add(new TraceEvent.Result("false", false));
    return new Trace(events);
  }

  /** KVM_MMU_LOCK is write_lock on KVM_HAVE_MMU_RWLOCK arches, spin_lock elsewhere. */
  private LockMode mmuLockMode() {
    return rwlock ? LockMode.WRITE : LockMode.SPIN;
  }

  private static long hvaToGfnMemslot(long hva, Scenario.Slot slot) {
    return slot.baseGfn() + ((hva - slot.userspaceAddr()) >> 12);
  }

  private boolean callHandler(int as, Scenario.Slot slot, long gfnStart, long gfnEnd) {
    boolean result = calls < handlerResults.size() && handlerResults.get(calls) != 0;
    calls++;
    events.add(new TraceEvent.Call(as, slot.id(), gfnStart, gfnEnd, Boolean.toString(result)));
    return result;
  }
}
