package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What walkers and handlers see of the simulated VM. */
@API(status = STABLE)
public interface Kvm {
  /** Number of address spaces, walked in order 0..n-1 (W3). */
  int addressSpaces();

  /** The current memslot set of {@code as}; needs an SRCU read section (W2). */
  MemSlotSet memslots(int as);

  MmuLock mmuLock();

  Srcu srcu();

  Rcu rcu();

  /** Flushes every vCPU's TLB and waits until done (W10, H12). */
  void flushRemoteTlbs();

  /**
   * Whether this VM has mirrored TDP (x86 TDX, kvm_has_mirrored_tdp): its address spaces have
   * mirror roots for private memory beside direct roots for shared memory, and a gfn range's
   * attr_filter selects between them ({@link RootTypes}). Default: no, as every non-TDX VM.
   */
  default boolean mirroredTdp() {
    return false;
  }

  /** The page tables of address space {@code as}. */
  PageTables mmu(int as);

  Invalidation invalidation();

  EntryCodec codec();

  /** Fails (H8) if the caller may not sleep: non-blockable context, RCU section, spinning lock. */
  void mightSleep();

  /** Yields the CPU; checks {@link #mightSleep()} first (H8). */
  void condResched();

  /**
   * Drops the MMU lock, yields and takes it again in the same mode, as a may_block handler does to
   * let waiters in; fails (H8) in a non-blockable context or an RCU section.
   */
  void condReschedMmuLock();

  /**
   * Calls {@code handler} the checked way: verifies the lock state matches {@code range.lockless()}
   * (W7, H1), makes the call non-blockable unless {@code range.mayBlock()} and not lockless (H8),
   * and afterwards that the handler left locks and read sections as it found them (H1, H2).
   */
  boolean callHandler(GfnHandler handler, GfnRange range);

  /** {@link #callHandler(GfnHandler, GfnRange)} for the int-returning variant (V7). */
  int callIntHandler(IntGfnHandler handler, GfnRange range);
}
