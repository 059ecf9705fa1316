package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;
import dev.walkspec.runtime.mmu.InvalidationState;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.vcpu.FaultOutcome;
import dev.walkspec.runtime.world.World;
import java.util.List;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Standard actors built on the runtime, for scenarios: vCPUs, a zapper, a write-protecting writer,
 * memslot updates, invalidations and aging walks. Each is a body for {@link
 * Scenario.Builder#actor}.
 */
@API(status = INTERNAL)
public final class Actors {
  private Actors() {}

  /** How a writer holding the MMU lock clears the writable state of one leaf. */
  @FunctionalInterface
  public interface WriteProtect {
    void clear(EntryCursor entry, EntryCodec codec);
  }

  /** A guest access: TLB, else a hardware walk that sets Accessed/Dirty, else a fault (retried). */
  public static Consumer<World> vcpuAccess(int vcpu, int as, long gfn, boolean write) {
    return world -> world.vcpu(vcpu).access(as, gfn, write);
  }

  /**
   * Faults on {@code gfn} following the retry protocol (H13): an attempt that raced with an
   * invalidation installs nothing; the vCPU waits for the invalidation to end and tries again.
   */
  public static Consumer<World> vcpuFault(int vcpu, int as, long gfn, boolean write) {
    return world -> {
      for (int attempt = 0; ; attempt++) {
        if (world.vcpu(vcpu).fault(as, gfn, write) != FaultOutcome.RETRY) {
          return;
        }
        awaitInvalidationEnd(world, attempt);
      }
    };
  }

  /**
   * Waits (as a blocked actor) while an invalidation is in progress; reading the in-progress count
   * is a step of its own (a yield point), as every read of shared state must be.
   */
  public static void awaitInvalidationEnd(World world, int attempt) {
    InvalidationState state = world.invalidation();
    if (state.inProgress() > 0) {
      world
          .scheduler()
          .block(
              new Blocked(Op.LOAD, state, state.invalidators(), () -> state.inProgressNow() == 0),
              attempt);
    }
  }

  /**
   * Takes the MMU lock exclusively, zaps {@code [start, end)} in every root of {@code as}, of both
   * structures (TDP roots, invalid ones included, and shadow pages), flushes TLBs if anything was
   * removed, and unlocks.
   */
  public static Consumer<World> zapper(int as, long start, long end) {
    return world -> exclusively(world, w -> w.mmu(as).zapGfnRange(start, end));
  }

  /** What a writer does under the exclusive MMU lock; true when TLBs must be flushed after it. */
  @FunctionalInterface
  private interface LockedWork {
    boolean needsFlush(World world);
  }

  /** Takes the MMU lock exclusively, does {@code work}, flushes TLBs if it asks to, unlocks. */
  private static void exclusively(World world, LockedWork work) {
    LockMode mode = world.mmuLock().kind().exclusiveMode();
    world.mmuLock().acquire(mode);
    if (work.needsFlush(world)) {
      world.flushRemoteTlbs();
    }
    world.mmuLock().release(mode);
  }

  /**
   * {@link #exclusively}, then waits for an RCU grace period: the table pages the work unlinked are
   * freed (and poisoned) when it ends, so a walker still reading them without the lock fails H3.
   */
  private static void exclusivelyThenGracePeriod(World world, LockedWork work) {
    exclusively(world, work);
    world.rcu().barrier();
  }

  /**
   * Frees the invalid roots of {@code as}, as the kernel does once no vCPU uses them: takes the MMU
   * lock exclusively, removes each from the root list and zaps its leaves, flushes TLBs if anything
   * was mapped, unlocks, and waits for the RCU grace period after which the roots' table pages are
   * poisoned (a later read of them fails with H3).
   */
  public static Consumer<World> invalidRootFreer(int as) {
    return world ->
        exclusivelyThenGracePeriod(
            world,
            w -> {
              boolean flush = false;
              for (Root root : w.mmu(as).roots()) {
                if (!root.valid()) {
                  flush |= ((RadixRoot) root).zapRange(0, w.profile().gfnLimit());
                  w.mmu(as).free((RadixRoot) root);
                }
              }
              return flush;
            });
  }

  /**
   * Tears down every root of {@code as}, as the VM's page-table teardown does when the MMU notifier
   * is released (kvm_arch_flush_shadow_all; on riscv kvm_riscv_mmu_free_pgd, on arm64
   * kvm_free_stage2_pgd): takes the MMU lock exclusively, unlists each (stage-2) root (the VM's
   * root pointer becomes null) and zaps it whole, flushes TLBs if there was a root, unlocks, and
   * frees the table pages after an RCU grace period (poisoned: a later read of them fails with H3).
   * A notifier handler that gave up the lock meanwhile must find the root gone, not walk on in it.
   */
  public static Consumer<World> pageTableTeardown(int as) {
    return world ->
        exclusivelyThenGracePeriod(
            world,
            w -> {
              List<Root> roots = w.mmu(as).roots();
              for (Root listed : roots) {
                RadixRoot root = (RadixRoot) listed;
                if (root.valid()) {
                  w.mmu(as).invalidate(root);
                }
                // Freeing zaps every leaf as it goes (one pass over the tables, not a zap, a free).
                w.mmu(as).free(root);
              }
              return !roots.isEmpty();
            });
  }

  /**
   * Like {@link #zapper}, but also unlinks the table pages the range covers whole; they are freed,
   * and poisoned, once an RCU grace period ends. After unlocking it waits for that grace period.
   */
  public static Consumer<World> tableZapper(int as, long start, long end) {
    return world ->
        exclusivelyThenGracePeriod(
            world,
            w -> {
              boolean flush = false;
              for (RadixRoot root : w.mmu(as).allRoots()) {
                flush |= root.zapRangeFreeingTables(start, end);
              }
              return flush;
            });
  }

  /**
   * Holding the MMU lock exclusively, walks {@code [start, end)} in every root of {@code as} and
   * write-protects each leaf with {@code clear} (arch code supplies it), then flushes and unlocks.
   */
  public static Consumer<World> writeProtect(int as, long start, long end, WriteProtect clear) {
    return world ->
        exclusively(
            world,
            w -> {
              boolean any = false;
              for (RadixRoot root : w.mmu(as).allRoots()) {
                EntryCursor entry = root.walk(start, end);
                while (entry.next()) {
                  clear.clear(entry, w.codec());
                  any = true;
                }
              }
              return any;
            });
  }

  /** Deletes slot {@code id} of {@code as} (waits while an invalidation is in progress). */
  public static Consumer<World> deleteSlot(int as, int id) {
    return world -> world.deleteSlot(as, id);
  }

  /** Moves slot {@code id} of {@code as} to {@code newBaseGfn}. */
  public static Consumer<World> moveSlot(int as, int id, long newBaseGfn) {
    return world -> world.moveSlot(as, id, newBaseGfn);
  }

  /**
   * invalidate_range_start (C1) over the hva range with {@code unmap} as the arch handler, then
   * invalidate_range_end (C2), both through {@link SimpleWalk}.
   */
  public static Consumer<World> invalidation(
      long hvaStart, long hvaEnd, UnmapHandler unmap, boolean mayBlock) {
    return world -> {
      SimpleWalk.invalidateRangeStart(world, hvaStart, hvaEnd, unmap, mayBlock);
      SimpleWalk.invalidateRangeEnd(world, hvaStart, hvaEnd, mayBlock);
    };
  }

  /** invalidate_range_start (C1) alone. */
  public static Consumer<World> invalidateRangeStart(
      long hvaStart, long hvaEnd, UnmapHandler unmap, boolean mayBlock) {
    return world -> SimpleWalk.invalidateRangeStart(world, hvaStart, hvaEnd, unmap, mayBlock);
  }

  /** invalidate_range_end (C2) alone. */
  public static Consumer<World> invalidateRangeEnd(long hvaStart, long hvaEnd, boolean mayBlock) {
    return world -> SimpleWalk.invalidateRangeEnd(world, hvaStart, hvaEnd, mayBlock);
  }

  /**
   * The guest_memfd invalidation of file pages {@code [start, end)} of the VM's guest_memfd {@code
   * gmem}, begin then end ({@link GmemInvalidation}), with {@code unmap} as the arch handler and
   * the attr_filter decided by {@code rule}.
   */
  public static Consumer<World> gmemInvalidation(
      int gmem, long start, long end, GfnHandler unmap, GmemInvalidation.FilterDecision rule) {
    return world -> {
      GmemInvalidation.begin(world, world.guestMemfd(gmem), start, end, unmap, rule);
      GmemInvalidation.end(world, world.guestMemfd(gmem), start, end);
    };
  }

  /** clear_young (C4) over the hva range with {@code age}. */
  public static Consumer<World> clearYoung(
      long hvaStart, long hvaEnd, AgeHandler age, boolean lockless) {
    return world -> SimpleWalk.clearYoung(world, hvaStart, hvaEnd, age, lockless);
  }

  /** clear_flush_young (C3) over the hva range with {@code age}. */
  public static Consumer<World> clearFlushYoung(
      long hvaStart, long hvaEnd, AgeHandler age, boolean flushOnRet, boolean lockless) {
    return world -> SimpleWalk.clearFlushYoung(world, hvaStart, hvaEnd, age, flushOnRet, lockless);
  }

  /** Two bodies one after the other in one actor. */
  public static Consumer<World> sequence(Consumer<World> first, Consumer<World> second) {
    return first.andThen(second);
  }
}
