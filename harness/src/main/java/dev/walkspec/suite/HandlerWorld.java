package dev.walkspec.suite;

import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.mmu.AddressSpaceMmu;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime world holding a {@link HandlerState}: slots, the VM's page-table structures (TDP roots,
 * some invalid, or on arm64 the VM's stage 2 and nested stage-2 tables; shadow roots, whose leaves
 * the reverse maps list), mappings.
 */
final class HandlerWorld {
  static final long HVA_BASE = 0x4000_0000L;
  final World world;
  final MemSlot slot;
  final MemSlot neighbour;

  private HandlerWorld(World world, MemSlot slot, MemSlot neighbour) {
    this.world = world;
    this.slot = slot;
    this.neighbour = neighbour;
  }

  static HandlerWorld build(ResolvedProfile profile, HandlerState state) {
    return build(profile, state, Scheduler.production());
  }

  static HandlerWorld build(ResolvedProfile profile, HandlerState state, Scheduler scheduler) {
    Actor.bind("setup");
    World world =
        World.builder(RuntimeProfiles.of(profile))
            .scheduler(scheduler)
            .vcpus(0)
            .mmus(state.mmus())
            .build();
    MemSlot slot =
        world.createSlot(new MemSlot(0, 1, state.slotBase(), state.slotPages(), HVA_BASE, 0));
    MemSlot neighbour =
        world.createSlot(
            new MemSlot(
                0,
                2,
                state.slotEnd(),
                state.neighbourPages(),
                HVA_BASE + state.slotPages() * Pages.SIZE,
                0));
    boolean nested = RuntimeProfiles.hasNestedStage2(profile);
    world.withExclusiveLock(() -> populate(world, state, nested));
    return new HandlerWorld(world, slot, neighbour);
  }

  /**
   * Where a nested stage-2 table maps an L1 gfn: the L2 guest's IPA, far from every slot, so that
   * only an unmap that drops nested tables whole (or finds the page by its frame) meets H9.
   */
  static final long NESTED_IPA_OFFSET = 1L << 27;

  /**
   * The state's roots in the world. On a profile with nested stage-2 tables (arm64) the first root
   * is the VM's own and stays valid, and every further one is a nested table, mapping each of its
   * mappings' gfns at {@link #NESTED_IPA_OFFSET} above it; one the state lists as invalid is a
   * nested MMU not in use, which maps nothing.
   */
  private static void populate(World world, HandlerState state, boolean nestedStage2) {
    AddressSpaceMmu mmu = world.mmu(0);
    List<RadixRoot> roots = new ArrayList<>();
    List<RadixRoot> shadowRoots = new ArrayList<>();
    if (state.mmus().tdp()) {
      roots.add(mmu.currentRoot());
      while (roots.size() < state.roots()) {
        roots.add(nestedStage2 ? mmu.newNestedRoot() : mmu.newRoot());
      }
    }
    if (state.mmus().shadow()) {
      shadowRoots.add(mmu.currentShadowRoot());
      while (shadowRoots.size() < state.shadowRoots()) {
        shadowRoots.add(mmu.newShadowRoot());
      }
    }
    for (HandlerState.Mapping m : state.mappings()) {
      RadixRoot root = (m.shadow() ? shadowRoots : roots).get(m.root());
      if (root.nested() && state.invalidRoots().contains(m.root())) {
        continue;
      }
      long index = root.nested() ? m.gfn() + NESTED_IPA_OFFSET : m.gfn();
      root.map(index, m.level(), 0x100000 + m.gfn(), m.writable(), m.accessed(), m.dirty());
    }
    for (int invalid : state.invalidRoots()) {
      if (!nestedStage2 || invalid > 0) {
        mmu.invalidate(roots.get(invalid));
      }
    }
    if (world.addressSpaces() > 1) {
      // A young mapping of the same gfns in the other address space, through each structure the
      // VM has: H10 says leave it alone.
      for (RadixRoot other : world.mmu(1).peekAllRoots()) {
        other.map(state.start(), 1, 0x200000 + state.start(), true, true, true);
      }
    }
  }
}
