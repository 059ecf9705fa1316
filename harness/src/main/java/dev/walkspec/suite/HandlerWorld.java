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
 * some invalid; shadow roots, whose leaves the reverse maps list), mappings.
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
    world.withExclusiveLock(() -> populate(world, state));
    return new HandlerWorld(world, slot, neighbour);
  }

  private static void populate(World world, HandlerState state) {
    AddressSpaceMmu mmu = world.mmu(0);
    List<RadixRoot> roots = new ArrayList<>();
    List<RadixRoot> shadowRoots = new ArrayList<>();
    if (state.mmus().tdp()) {
      roots.add(mmu.currentRoot());
      while (roots.size() < state.roots()) {
        roots.add(mmu.newRoot());
      }
    }
    if (state.mmus().shadow()) {
      shadowRoots.add(mmu.currentShadowRoot());
      while (shadowRoots.size() < state.shadowRoots()) {
        shadowRoots.add(mmu.newShadowRoot());
      }
    }
    for (HandlerState.Mapping m : state.mappings()) {
      (m.shadow() ? shadowRoots : roots)
          .get(m.root())
          .map(m.gfn(), m.level(), 0x100000 + m.gfn(), m.writable(), m.accessed(), m.dirty());
    }
    for (int invalid : state.invalidRoots()) {
      mmu.invalidate(roots.get(invalid));
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
