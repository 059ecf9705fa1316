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

/** The teardown actor of the unmap-vs-root-free scenarios: frees invalid roots, and only those. */
class InvalidRootFreerTest {
  @Test
  void invalidRootsAreUnlistedZappedFlushedAndPoisonedAfterTheGracePeriod() {
    Actor.bind("teardown");
    World world = World.builder(ArchProfile.X86).vcpus(1).build();
    world.createSlot(new MemSlot(0, 1, 0, 64, 0x10000, 0));
    RadixRoot[] old = new RadixRoot[1];
    world.withExclusiveLock(
        () -> {
          world.mmu(0).currentRoot().map(1, 1, 0x101, true, true, false);
          old[0] = world.mmu(0).newRoot();
          old[0].map(2, 1, 0x102, true, true, false);
          world.mmu(0).invalidate(old[0]);
        });
    RadixRoot current = world.mmu(0).currentRoot();

    Actors.invalidRootFreer(0).accept(world);

    assertThat(world.mmu(0).peekRoots()).containsExactly(current);
    assertThat(world.tlbFlushes()).isEqualTo(1);
    world.rcu().readLock();
    try {
      assertThatThrownBy(() -> old[0].walk(0, 64).next())
          .isInstanceOf(RuleViolation.class)
          .hasMessageStartingWith("H3:");
    } finally {
      world.rcu().readUnlock();
    }
    world.withExclusiveLock(
        () -> assertThat(current.walk(0, 64).next()).as("the valid root keeps its page").isTrue());
  }
}
