package dev.walkspec.runtime.vcpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.trace.RecordingWorldEventSink;
import dev.walkspec.runtime.world.World;
import org.junit.jupiter.api.Test;

class VcpuAccessTest {
  private static final long HVA = 0x4000_0000L;

  @Test
  void hardwareSetsAccessedAndDirtyAtomicallyAndFillsTheTlb() {
    Actor.bind("vcpu-thread");
    RecordingWorldEventSink events = new RecordingWorldEventSink();
    World world = World.builder(ArchProfile.ARM64).worldEvents(events).hugePages(false).build();
    world.createSlot(new MemSlot(0, 1, 0, 64, HVA, 0));
    Vcpu vcpu = world.vcpu(0);
    EntryCodec codec = world.codec();

    assertThat(vcpu.access(0, 3, false)).isEqualTo((HVA >>> Pages.SHIFT) + 3);
    long entry = leaf(world, 3);
    assertThat(codec.accessed(entry)).isTrue();
    assertThat(codec.dirty(entry)).isFalse();
    assertThat(vcpu.tlb().maps(0, 3)).isTrue();

    vcpu.access(0, 3, true);
    assertThat(codec.dirty(leaf(world, 3))).as("a write walks again to set Dirty").isTrue();

    world.withExclusiveLock(() -> world.mmu(0).currentRoot().ageRange(0, 64));
    assertThat(codec.accessed(leaf(world, 3))).isFalse();
    vcpu.access(0, 3, false);
    assertThat(codec.accessed(leaf(world, 3))).as("the TLB hit does not touch the entry").isFalse();
    world.flushRemoteTlbs();
    assertThat(vcpu.tlb().size()).isZero();
    vcpu.access(0, 3, false);
    assertThat(codec.accessed(leaf(world, 3))).as("after a flush hardware walks again").isTrue();
    assertThat(events.lines())
        .contains(
            "FAULT actor=vcpu-thread vcpu=0 as=0 gfn=3 write=false -> installed",
            "TLB_FILL vcpu=0 as=0 gfn=3 level=1");
  }

  @Test
  void faultsUseHugeMappingsWhenSlotAndHvaAlignmentAllow() {
    World world = World.builder(ArchProfile.X86).build();
    world.createSlot(new MemSlot(0, 1, 512, 1024, HVA, 0));
    world.createSlot(new MemSlot(0, 2, 2048, 1024, HVA + 4096, 0));
    world.createSlot(new MemSlot(0, 3, 4096, 1024, HVA, MemSlot.LOG_DIRTY_PAGES));
    world.vcpu(0).access(0, 600, false);
    world.vcpu(0).access(0, 2100, false);
    world.vcpu(0).access(0, 4100, false);
    assertThat(levelOf(world, 600)).isEqualTo(2);
    assertThat(levelOf(world, 2100)).as("hva not aligned with gfn").isEqualTo(1);
    assertThat(levelOf(world, 4100)).as("dirty logging").isEqualTo(1);
    assertThat(world.vcpu(0).tlb().maps(0, 1000)).as("one 2 MiB TLB entry").isTrue();
  }

  @Test
  void h12AfterUnmapAndFlushNoVcpuReachesTheRange() {
    World world = World.builder(ArchProfile.X86).vcpus(2).hugePages(false).build();
    world.createSlot(new MemSlot(0, 1, 0, 64, HVA, 0));
    for (Vcpu vcpu : world.vcpus()) {
      for (long gfn = 0; gfn < 8; gfn++) {
        vcpu.access(0, gfn, gfn % 2 == 0);
      }
    }
    world.withExclusiveLock(
        () -> {
          boolean flush = false;
          for (Root root : world.mmu(0).roots()) {
            flush |= root.zapRange(2, 6);
          }
          assertThat(flush).as("H11: something was mapped").isTrue();
          assertThat(world.vcpu(1).tlb().maps(0, 3)).as("stale until the flush").isTrue();
          world.flushRemoteTlbs();
        });
    for (Vcpu vcpu : world.vcpus()) {
      for (long gfn = 2; gfn < 6; gfn++) {
        assertThat(vcpu.tlb().maps(0, gfn)).isFalse();
      }
    }
    world.mmuLock().lockRead();
    assertThat(world.mmu(0).roots().get(0).walk(2, 6).next()).isFalse();
    assertThat(world.mmu(0).roots().get(0).walk(0, 2).next()).isTrue();
    world.mmuLock().unlockRead();
  }

  @Test
  void aFillThatStartedBeforeAFlushIsDropped() {
    Tlb tlb = new Tlb(0, 3);
    long generation = tlb.generation();
    tlb.flushAll();
    assertThat(tlb.fill(generation, 0, 8, 1, 99, true, false)).isFalse();
    assertThat(tlb.maps(0, 8)).isFalse();
    assertThat(tlb.fill(tlb.generation(), 0, 8, 1, 99, true, false)).isTrue();
    assertThat(tlb.lookup(0, 8, false)).isEqualTo(99);
    assertThat(tlb.lookup(0, 8, true)).as("write needs a dirty translation").isEqualTo(-1);
    assertThat(tlb.lookup(1, 8, false)).as("tagged by address space").isEqualTo(-1);
  }

  @Test
  void accessesOutsideSlotsOrWritingReadOnlyMemoryReturnNoFrame() {
    World world = World.builder(ArchProfile.RISCV).build();
    world.createSlot(new MemSlot(0, 1, 0, 4, HVA, MemSlot.READONLY));
    assertThat(world.vcpu(0).access(0, 100, false)).isEqualTo(-1);
    assertThat(world.vcpu(0).access(0, 1, true)).isEqualTo(-1);
    assertThat(world.vcpu(0).access(0, 1, false)).isEqualTo((HVA >>> Pages.SHIFT) + 1);
  }

  private static long leaf(World world, long gfn) {
    world.mmuLock().lockRead();
    try {
      EntryCursor walk = world.mmu(0).currentRoot().walk(gfn, gfn + 1);
      assertThat(walk.next()).isTrue();
      return walk.load();
    } finally {
      world.mmuLock().unlockRead();
    }
  }

  private static int levelOf(World world, long gfn) {
    world.mmuLock().lockRead();
    try {
      EntryCursor walk = world.mmu(0).currentRoot().walk(gfn, gfn + 1);
      assertThat(walk.next()).isTrue();
      return walk.level();
    } finally {
      world.mmuLock().unlockRead();
    }
  }
}
