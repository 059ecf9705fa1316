package dev.walkspec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.world.World;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

/**
 * 512 slots, 4 GiB of guest memory mapped with 4 KiB pages (1,048,576 leaves in x86 4-level tables,
 * with shadow-MMU reverse maps) must fit in 256 MiB of heap. No timing is asserted.
 */
class HeapFootprintTest {
  private static final int SLOTS = 512;
  private static final long PAGES_PER_SLOT = (4L << 30) / Pages.SIZE / SLOTS;
  private static final long LIMIT = 256L << 20;

  @Test
  void aWorldWithAMillionLeavesStaysUnder256MiB() {
    long baseline = usedHeapAfterGc();
    World world = World.builder(ArchProfile.X86).vcpus(4).build();
    for (int id = 0; id < SLOTS; id++) {
      long base = id * PAGES_PER_SLOT;
      world.createSlot(
          new MemSlot(0, id, base, PAGES_PER_SLOT, (0x10_0000L + base) << Pages.SHIFT, 0));
    }
    RadixRoot root = world.mmu(0).currentRoot();
    long leaves = SLOTS * PAGES_PER_SLOT;
    world.withExclusiveLock(
        () -> {
          for (long gfn = 0; gfn < leaves; gfn++) {
            root.map(gfn, 1, 0x10_0000L + gfn, true, false, false);
          }
        });

    long used = usedHeapAfterGc();
    long mapped = countLeaves(world, root, leaves);
    System.out.printf(
        "walkspec heap footprint: %d slots, %d leaves, %d table pages: %.1f MiB used after GC"
            + " (%.1f MiB before building the world)%n",
        SLOTS, mapped, world.mmuContext().allocatedPages(), used / 1048576.0, baseline / 1048576.0);
    assertThat(mapped).isEqualTo(1L << 20);
    assertThat(used).isLessThan(LIMIT);
    Reference.reachabilityFence(world);
  }

  private static long countLeaves(World world, RadixRoot root, long leaves) {
    world.mmuLock().lockRead();
    try {
      long count = 0;
      EntryCursor walk = root.walk(0, leaves);
      while (walk.next()) {
        count++;
      }
      return count;
    } finally {
      world.mmuLock().unlockRead();
    }
  }

  private static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
