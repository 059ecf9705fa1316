package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.RootTypes;
import dev.walkspec.runtime.api.UnmapHandler;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.explore.GmemInvalidation.FilterRule;
import dev.walkspec.runtime.gmem.GuestMemfd;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guest_memfd invalidation, run sequentially on a TDX world. */
class GmemInvalidationTest {
  /** 16 pages at gfn 0x100, backed by file pages [8, 24). */
  private static final MemSlot SLOT = new MemSlot(0, 1, 0x100, 16, 0x10_0000, 0);

  /** 4 pages at gfn 0x200, backed by file pages [24, 28). */
  private static final MemSlot NEXT = new MemSlot(0, 2, 0x200, 4, 0x20_0000, 0);

  private World world;
  private RadixRoot direct;
  private final List<GfnRange> seen = new ArrayList<>();

  /** Zaps the range in the roots its attr_filter selects, and notes what it was handed. */
  private final UnmapHandler unmap =
      (kvm, range) -> {
        seen.add(range);
        boolean removed = false;
        RootTypes types = RootTypes.of(kvm, range);
        for (Root root : kvm.mmu(range.slot().addressSpace()).roots()) {
          if (types.includes(root)) {
            removed |= root.zapRange(range.start(), range.end());
          }
        }
        return removed;
      };

  @BeforeEach
  void tdxVmWithAMappedSharedPage() {
    Actor.bind("gmem");
    world = World.builder(ArchProfile.X86_PRIVATE_MEMORY).vcpus(1).mirroredTdp(true).build();
    world.createSlot(SLOT);
    world.createSlot(NEXT);
    direct = world.mmu(0).currentRoot();
    world.withExclusiveLock(() -> direct.map(0x102, 1, 0x5102, true, true, false));
  }

  @Test
  void theFixedRuleZapsAnInitSharedFilesSharedMappingAndFlushes() {
    GuestMemfd gmem = world.createGuestMemfd(true);
    gmem.bind(SLOT, 8);

    assertThat(GmemInvalidation.begin(world, gmem, 10, 11, unmap, FilterRule.FIXED)).isTrue();

    assertThat(seen)
        .containsExactly(new GfnRange(SLOT, 0x102, 0x103, 0, AttrFilter.SHARED, true, false));
    assertThat(direct.firstMapped(0x100, 0x110)).isEqualTo(-1);
    assertThat(world.tlbFlushes()).isEqualTo(1);
    assertThat(world.mmuLock().heldMode()).isNull();
    assertThat(world.invalidation().inProgressNow()).isEqualTo(1);
    assertThat(world.invalidation().rangeStart()).isEqualTo(0x102);
    assertThat(world.invalidation().rangeEnd()).isEqualTo(0x103);

    long sequence = world.invalidation().sequence();
    GmemInvalidation.end(world, gmem, 10, 11);
    assertThat(world.invalidation().inProgressNow()).isZero();
    assertThat(world.invalidation().sequence()).isEqualTo(sequence + 1);
  }

  @Test
  void thePreFixRuleHandsPrivateAndLeavesTheSharedMappingUnflushed() {
    GuestMemfd gmem = world.createGuestMemfd(true);
    gmem.bind(SLOT, 8);

    assertThat(GmemInvalidation.begin(world, gmem, 10, 11, unmap, FilterRule.PRE_FIX)).isTrue();

    assertThat(seen).extracting(GfnRange::attrFilter).containsExactly(AttrFilter.PRIVATE);
    assertThat(direct.firstMapped(0x100, 0x110)).isEqualTo(0x102);
    assertThat(world.tlbFlushes()).isZero();
  }

  @Test
  void aPrivateFileIsInvalidatedWithPrivateUnderBothRules() {
    GuestMemfd gmem = world.createGuestMemfd(false);
    assertThat(FilterRule.FIXED.filterFor(gmem)).isEqualTo(AttrFilter.PRIVATE);
    assertThat(FilterRule.PRE_FIX.filterFor(gmem)).isEqualTo(AttrFilter.PRIVATE);
    assertThat(FilterRule.FIXED.filterFor(world.createGuestMemfd(true)))
        .isEqualTo(AttrFilter.SHARED);
  }

  @Test
  void eachBindingGetsItsOwnClippedRangeUnderOneLockAndOneBegin() {
    GuestMemfd gmem = world.createGuestMemfd(true);
    gmem.bind(NEXT, 24);
    gmem.bind(SLOT, 8);

    GmemInvalidation.begin(world, gmem, 20, 26, unmap, FilterRule.FIXED);

    assertThat(seen)
        .containsExactly(
            new GfnRange(SLOT, 0x10c, 0x110, 0, AttrFilter.SHARED, true, false),
            new GfnRange(NEXT, 0x200, 0x202, 0, AttrFilter.SHARED, true, false));
    assertThat(world.invalidation().inProgressNow()).isEqualTo(1);
    assertThat(world.invalidation().rangeStart()).isEqualTo(0x10c);
    assertThat(world.invalidation().rangeEnd()).isEqualTo(0x202);
    assertThat(world.tlbFlushes()).as("nothing was mapped there").isZero();
  }

  @Test
  void aRangeWithoutBindingsTakesNoLockAndBeginsNothing() {
    GuestMemfd gmem = world.createGuestMemfd(true);
    gmem.bind(SLOT, 8);
    long sequence = world.invalidation().sequence();

    assertThat(GmemInvalidation.begin(world, gmem, 0, 8, unmap, FilterRule.FIXED)).isFalse();
    GmemInvalidation.end(world, gmem, 0, 8);

    assertThat(seen).isEmpty();
    assertThat(world.invalidation().inProgressNow()).isZero();
    assertThat(world.invalidation().sequence()).isEqualTo(sequence);
    assertThat(world.mmuLock().heldMode()).isNull();
  }
}
