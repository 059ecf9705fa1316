package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import org.junit.jupiter.api.Test;

/**
 * The teardown actor of unmap-vs-root-free on arches with one stage-2 root for the VM's life
 * (riscv's kvm_riscv_mmu_free_pgd, arm64's kvm_free_stage2_pgd): the root is unlisted, its leaves
 * zapped and flushed, and its table pages poisoned once the grace period ends (H3 for a reader that
 * kept a pointer to it).
 */
class PageTableTeardownTest {
  @Test
  void theOnlyRootIsUnlistedZappedFlushedAndPoisonedAfterTheGracePeriod() {
    Actor.bind("teardown");
    World world = World.builder(ArchProfile.RISCV).vcpus(1).build();
    world.createSlot(new MemSlot(0, 1, 0, 64, 0x10000, 0));
    RadixRoot root = world.mmu(0).currentRoot();
    world.withExclusiveLock(() -> root.map(3, 1, 0x103, true, true, false));

    Actors.pageTableTeardown(0).accept(world);

    assertThat(world.mmu(0).peekRoots()).as("the VM's root pointer is null").isEmpty();
    assertThat(world.tlbFlushes()).isEqualTo(1);
    world.withExclusiveLock(
        () ->
            assertThatThrownBy(() -> root.walk(0, 64).next())
                .isInstanceOf(RuleViolation.class)
                .hasMessageStartingWith("H3:"));
  }

  @Test
  void aSecondTeardownFindsNoRootAndFlushesNothing() {
    Actor.bind("teardown");
    World world = World.builder(ArchProfile.ARM64).vcpus(1).build();
    world.createSlot(new MemSlot(0, 1, 0, 64, 0x10000, 0));
    Actors.pageTableTeardown(0).accept(world);
    long flushes = world.tlbFlushes();

    Actors.pageTableTeardown(0).accept(world);

    assertThat(world.mmu(0).peekRoots()).isEmpty();
    assertThat(world.tlbFlushes()).isEqualTo(flushes);
  }
}
