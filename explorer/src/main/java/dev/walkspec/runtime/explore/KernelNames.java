package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.sched.Op;
import java.util.Map;

/**
 * The kernel's name for a runtime call that stands for one kernel function, so that a step table
 * speaks the kernel's vocabulary where it can ({@code srcu_read_lock}, {@code write_lock}, {@code
 * kvm_flush_remote_tlbs}) rather than the runtime's ({@code Srcu.readLock}). Calls of the runtime's
 * page-table interface ({@code EntryCursor}, {@code Root}, {@code PageTables}, {@code SlotRmap})
 * keep their names: each arch port builds its walker from them, and the kernel function they stand
 * for differs per arch (x86's TDP iterator, arm64's stage-2 walker, ...).
 */
final class KernelNames {
  /** Calls whose kernel function does not depend on the step. */
  private static final Map<String, String> FIXED =
      Map.ofEntries(
          Map.entry("Srcu.readLock", "srcu_read_lock"),
          Map.entry("Srcu.readUnlock", "srcu_read_unlock"),
          Map.entry("Rcu.readLock", "rcu_read_lock"),
          Map.entry("Rcu.readUnlock", "rcu_read_unlock"),
          Map.entry("MmuLock.lockWrite", "write_lock"),
          Map.entry("MmuLock.unlockWrite", "write_unlock"),
          Map.entry("MmuLock.lockRead", "read_lock"),
          Map.entry("MmuLock.unlockRead", "read_unlock"),
          Map.entry("MmuLock.lock", "spin_lock"),
          Map.entry("MmuLock.unlock", "spin_unlock"),
          // kvm_handle_hva_range reads each address space's memslots with __kvm_memslots (W3).
          Map.entry("Kvm.memslots", "__kvm_memslots"),
          Map.entry("Kvm.flushRemoteTlbs", "kvm_flush_remote_tlbs"),
          Map.entry("Invalidation.begin", "kvm_mmu_invalidate_begin"),
          Map.entry("Invalidation.addRange", "kvm_mmu_invalidate_range_add"),
          Map.entry("Invalidation.end", "kvm_mmu_invalidate_end"));

  private KernelNames() {}

  /**
   * The kernel's name of {@code call} (a runtime call, "Srcu.readLock") at a step doing {@code op}.
   */
  static String of(String call, Op op) {
    if (call == null) {
      return null;
    }
    String fixed = FIXED.get(call);
    if (fixed != null) {
      return fixed;
    }
    return switch (call) {
      // The lock taken or dropped in the mode the step shows.
      case "MmuLock.acquire" -> byMode(op, "write_lock", "read_lock", "spin_lock", call);
      case "MmuLock.release" -> byMode(op, "write_unlock", "read_unlock", "spin_unlock", call);
      // Drops the lock, gives the CPU away (the resched step), takes the lock again.
      case "Kvm.condReschedMmuLock" ->
          op == Op.RESCHED
              ? "cond_resched"
              : byMode(
                  op,
                  "cond_resched_rwlock_write",
                  "cond_resched_rwlock_read",
                  "cond_resched_lock",
                  call);
      default -> call;
    };
  }

  private static String byMode(Op op, String write, String read, String spin, String otherwise) {
    return switch (op) {
      case LOCK_WRITE, UNLOCK_WRITE -> write;
      case LOCK_READ, UNLOCK_READ -> read;
      case LOCK_SPIN, UNLOCK_SPIN -> spin;
      default -> otherwise;
    };
  }
}
