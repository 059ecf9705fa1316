package dev.walkspec.runtime.explore;

import static dev.walkspec.runtime.explore.examples.Catalogue.FRAME;
import static dev.walkspec.runtime.explore.examples.Catalogue.HVA;
import static dev.walkspec.runtime.explore.examples.Catalogue.SMALL_X86;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.api.UnmapHandler;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.explore.examples.ExampleHandlers;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test-scope scenarios with planted bugs (and their correct counterparts) for obligations the
 * catalogue does not cover: H3, H12, H13, H8 and a lock-order deadlock (H1).
 */
final class PlantedBugs {
  private PlantedBugs() {}

  /** The factory method of the scenario called {@code name} ({@code lock-order}: lockOrder). */
  static String camel(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static Scenario.Builder small(String name, int vcpus) {
    return Scenario.builder(name)
        .source("PlantedBugs." + camel(name) + "()")
        .world(SMALL_X86, b -> b.vcpus(vcpus).hugePages(false));
  }

  static void mapGfns(World world, int... gfns) {
    world.createSlot(new MemSlot(0, 1, 0, 512, HVA, 0));
    world.withExclusiveLock(
        () -> {
          // Into the structures the world has: the TDP root, and the shadow root (whose leaves
          // the reverse maps list) where the world has shadow pages.
          for (RadixRoot root : world.mmu(0).peekAllRoots()) {
            for (int gfn : gfns) {
              root.map(gfn, 1, FRAME + gfn, true, true, false);
            }
          }
        });
  }

  // ---- H3: table lifetime --------------------------------------------------------------------

  /** PLANTED BUG (H3): finds the leaf inside an RCU section but updates it after leaving it. */
  static AgeHandler ageAfterRcuExit() {
    return (kvm, range) -> {
      EntryCodec codec = kvm.codec();
      List<EntryCursor> leaves = new ArrayList<>();
      kvm.rcu().readLock();
      for (Root root : kvm.mmu(range.slot().addressSpace()).rcuRoots()) {
        EntryCursor entry = root.walk(range.start(), range.end());
        if (entry.next()) {
          leaves.add(entry);
        }
      }
      kvm.rcu().readUnlock();
      boolean young = false;
      for (EntryCursor entry : leaves) {
        young |= codec.accessed(entry.fetchAnd(~codec.accessedMask()));
      }
      return young;
    };
  }

  private static Scenario tableFree(String name, AgeHandler age) {
    return small(name, 0)
        .setup(world -> mapGfns(world, 0))
        .actor("aging", Actors.clearYoung(HVA, HVA + 4096, age, true))
        .actor("zapper", Actors.tableZapper(0, 0, 512))
        .build();
  }

  /**
   * Lockless aging that retries a failed compare-and-swap with the value it read first, forever
   * once the zapper changed the entry: a run of hundreds of like steps, H4's step budget.
   */
  static Scenario casRetriedForever() {
    AgeHandler retrying =
        (kvm, range) -> {
          EntryCodec codec = kvm.codec();
          kvm.rcu().readLock();
          try {
            for (Root root : kvm.mmu(0).rcuRoots()) {
              EntryCursor entry = root.walk(range.start(), range.end());
              while (entry.next()) {
                long value = entry.value();
                while (!entry.compareAndSet(value, value & ~codec.accessedMask())) {
                  // retries with the stale value forever once another actor changed the entry
                }
              }
            }
          } finally {
            kvm.rcu().readUnlock();
          }
          return true;
        };
    return Scenario.builder("cas-retry")
        .world(SMALL_X86, b -> b.vcpus(0))
        .setup(world -> mapGfns(world, 0))
        .actor("aging", Actors.clearYoung(HVA, HVA + 4096, retrying, true))
        .actor("zapper", Actors.zapper(0, 0, 1))
        .build();
  }

  static Scenario rcuEarlyExit() {
    return tableFree("rcu-early-exit", ageAfterRcuExit());
  }

  static Scenario rcuSection() {
    return tableFree("rcu-section", ExampleHandlers.ageAtomic());
  }

  // ---- H12: no stale translations ------------------------------------------------------------

  private static Scenario staleTlb(String name, UnmapHandler unmap) {
    return small(name, 1)
        .setup(
            world -> {
              mapGfns(world, 0);
              world.vcpu(0).access(0, 0, false);
            })
        .actor("inval", Actors.invalidation(HVA, HVA + 4096, unmap, true))
        .actor("vcpu0", Actors.vcpuAccess(0, 0, 0, false))
        .build();
  }

  static Scenario unmapNoFlush() {
    return staleTlb("unmap-no-flush", ExampleHandlers.unmapWithoutFlush());
  }

  static Scenario unmapFlush() {
    return staleTlb("unmap-flush", ExampleHandlers.unmap());
  }

  // ---- H13: retry protocol -------------------------------------------------------------------

  /** PLANTED BUG (H13): a fault path that takes the sequence snapshot but never re-checks it. */
  static Consumer<World> faultWithoutRecheck(long gfn) {
    return world -> {
      world.invalidation().sequence();
      int idx = world.srcu().readLock();
      MemSlot slot = world.memslots(0).byGfn(gfn);
      world.mmuLock().lockRead();
      RadixRoot root = world.mmu(0).currentRoot();
      root.installLeaf(gfn, 1, slot.gfnToHva(gfn) >>> 12, true, false);
      world.mmuLock().unlockRead();
      world.srcu().readUnlock(idx);
    };
  }

  /** gfn 0 is being invalidated (its invalidate_range_start returned); gfn 1 keeps the table. */
  private static Scenario faultDuringInvalidation(String name, Consumer<World> fault) {
    return small(name, 1)
        .setup(
            world -> {
              mapGfns(world, 0, 1);
              world.withExclusiveLock(
                  () -> {
                    world.invalidation().begin();
                    world.invalidation().addRange(0, 1);
                    world.mmu(0).currentRoot().zapRange(0, 1);
                  });
            })
        .actor("vcpu0", fault)
        .actor("inval-end", Actors.invalidateRangeEnd(HVA, HVA + 4096, true))
        .build();
  }

  static Scenario faultSkipsRecheck() {
    return faultDuringInvalidation("fault-skips-recheck", faultWithoutRecheck(0));
  }

  static Scenario faultRetries() {
    return faultDuringInvalidation("fault-retries", Actors.vcpuFault(0, 0, 0, false));
  }

  /** The full race: the fault's snapshot predates a whole start/end pair. */
  private static Scenario faultRacingInvalidation(String name, Consumer<World> fault) {
    return small(name, 1)
        .setup(world -> mapGfns(world, 1))
        .actor("vcpu0", fault)
        .actor("inval", Actors.invalidation(HVA, HVA + 4096, ExampleHandlers.unmap(), true))
        .build();
  }

  static Scenario faultRacesInvalidation() {
    return faultRacingInvalidation("fault-races-invalidation", faultWithoutRecheck(0));
  }

  static Scenario faultRetriesAfterRace() {
    return faultRacingInvalidation("fault-retries-after-race", Actors.vcpuFault(0, 0, 0, false));
  }

  // ---- H8: no sleeping -----------------------------------------------------------------------

  /** PLANTED BUG (H8) when {@code checkMayBlock} is false: yields the MMU lock regardless. */
  static UnmapHandler unmapYieldingLock(boolean checkMayBlock) {
    return (kvm, range) -> {
      boolean flush = false;
      for (Root root : kvm.mmu(range.slot().addressSpace()).roots()) {
        flush |= root.zapRange(range.start(), range.end());
        if (!checkMayBlock || range.mayBlock()) {
          // Flush first, as the kernel does before yielding (H12).
          if (flush) {
            kvm.flushRemoteTlbs();
          }
          kvm.condReschedMmuLock();
        }
      }
      return flush;
    };
  }

  private static Scenario sleeping(String name, boolean checkMayBlock) {
    return small(name, 1)
        .setup(world -> mapGfns(world, 0))
        .actor(
            "inval", Actors.invalidation(HVA, HVA + 4096, unmapYieldingLock(checkMayBlock), false))
        .actor("vcpu0", Actors.vcpuAccess(0, 0, 0, false))
        .build();
  }

  static Scenario sleepsWithoutMayBlock() {
    return sleeping("sleeps-without-may-block", false);
  }

  static Scenario yieldsOnlyWhenMayBlock() {
    return sleeping("yields-only-when-may-block", true);
  }

  // ---- a lock-order deadlock (H1) ------------------------------------------------------------

  /**
   * Lockless aging through the reverse map (shadow-MMU style): locks each head, clears Accessed
   * atomically. PLANTED BUG (H1) when {@code takeMmuLock}: it also takes the MMU lock (for read,
   * which H1 allows a lockless handler by itself) while holding the head's bit lock, the opposite
   * order of a zapper: the two deadlock.
   */
  static AgeHandler rmapAge(boolean takeMmuLock) {
    return (kvm, range) -> {
      EntryCodec codec = kvm.codec();
      SlotRmap rmap = kvm.mmu(range.slot().addressSpace()).rmap(range.slot());
      boolean young = false;
      kvm.rcu().readLock();
      try {
        for (long gfn = range.start(); gfn < range.end(); gfn++) {
          try (RmapCursor entry = rmap.lock(gfn, 1)) {
            if (takeMmuLock) {
              kvm.mmuLock().lockRead();
            }
            while (entry.next()) {
              young |= codec.accessed(entry.fetchAnd(~codec.accessedMask()));
            }
            if (takeMmuLock) {
              kvm.mmuLock().unlockRead();
            }
          }
        }
      } finally {
        kvm.rcu().readUnlock();
      }
      return young;
    };
  }

  private static Scenario rmapAging(String name, boolean takeMmuLock) {
    return Scenario.builder(name)
        .source("PlantedBugs." + camel(name) + "()")
        .world(SMALL_X86, b -> b.vcpus(0).hugePages(false).mmus(Mmus.SHADOW))
        .setup(world -> mapGfns(world, 0))
        .actor("aging", Actors.clearYoung(HVA, HVA + 4096, rmapAge(takeMmuLock), true))
        .actor("zapper", Actors.zapper(0, 0, 1))
        .build();
  }

  /**
   * PLANTED BUG (H1): lockless aging through the reverse map that takes the MMU lock while holding
   * a head's bit lock. The runtime refuses any lock inside a lockless handler call, so this is
   * caught at once, before the opposite lock order of a zapper can deadlock with it.
   */
  static Scenario lockOrder() {
    return rmapAging("lock-order", true);
  }

  /**
   * PLANTED BUG (a deadlock): the same lock inversion in a reverse-map scanner that is not a
   * handler, so only the wait-for cycle with a zapper shows it.
   */
  static Scenario deadlock() {
    return Scenario.builder("deadlock")
        .source("PlantedBugs.deadlock()")
        .world(SMALL_X86, b -> b.vcpus(0).hugePages(false).mmus(Mmus.SHADOW))
        .setup(world -> mapGfns(world, 0))
        .actor(
            "aging",
            world -> {
              int idx = world.srcu().readLock();
              MemSlot slot = world.memslots(0).byId(1);
              rmapAge(true)
                  .handle(world, new GfnRange(slot, 0, 1, 0, AttrFilter.SHARED, false, true));
              world.srcu().readUnlock(idx);
            })
        .actor("zapper", Actors.zapper(0, 0, 1))
        .build();
  }

  static Scenario rmapAging() {
    return rmapAging("rmap-aging", false);
  }
}
