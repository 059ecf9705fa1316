package dev.walkspec.arch.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpTestAgeHandler;
import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.LeafProbe;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled x86 TDP handlers pick their roots by the range's attr_filter: in a TDX VM (mirrored
 * TDP) PRIVATE means the mirror roots and SHARED the direct ones; unmap walks invalid roots of the
 * selected kind too, aging only valid ones; a VM without mirrored TDP zaps and ages its direct
 * roots whatever the filter.
 */
class TdxRootSelectionTest {
  private static final MemSlot SLOT = new MemSlot(0, 1, 0, 64, 0x10_0000, 0);
  private static final long GFN = 5;

  private World world;
  private RadixRoot direct;
  private RadixRoot mirror;
  private RadixRoot invalidMirror;

  @BeforeEach
  void tdxVm() {
    Actor.bind("test");
    world = World.builder(ArchProfile.X86_PRIVATE_MEMORY).vcpus(1).mirroredTdp(true).build();
    world.createSlot(SLOT);
    direct = (RadixRoot) world.mmu(0).peekRoots().get(0);
    mirror = (RadixRoot) world.mmu(0).peekRoots().get(1);
    world.withExclusiveLock(
        () -> {
          direct.map(GFN, 1, 0x105, true, true, false);
          mirror.map(GFN, 1, 0x205, true, true, false);
          invalidMirror = world.mmu(0).newMirrorRoot();
          invalidMirror.map(GFN, 1, 0x305, true, true, false);
          world.mmu(0).invalidate(invalidMirror);
        });
  }

  @Test
  void sharedUnmapZapsTheDirectRootAndLeavesTheMirrorRoots() {
    assertThat(unmap(AttrFilter.SHARED)).isTrue();
    assertThat(mapped(direct)).isFalse();
    assertThat(mapped(mirror)).isTrue();
    assertThat(mapped(invalidMirror)).isTrue();
  }

  @Test
  void privateUnmapZapsTheMirrorRootsInvalidOnesIncludedAndLeavesTheDirectRoot() {
    assertThat(unmap(AttrFilter.PRIVATE)).isTrue();
    assertThat(mapped(direct)).isTrue();
    assertThat(mapped(mirror)).isFalse();
    assertThat(mapped(invalidMirror)).isFalse();
  }

  @Test
  void privateAgingAgesTheValidMirrorRootOnly() {
    assertThat(call(new TdpTestAgeHandler(), lockless(AttrFilter.PRIVATE))).isTrue();
    assertThat(call(new TdpAgeHandler(), lockless(AttrFilter.PRIVATE))).isTrue();
    assertThat(young(mirror)).isFalse();
    assertThat(young(direct)).isTrue();
    assertThat(young(invalidMirror)).as("aging leaves invalid roots alone").isTrue();
    assertThat(call(new TdpTestAgeHandler(), lockless(AttrFilter.PRIVATE))).isFalse();
  }

  @Test
  void sharedAgingAgesTheDirectRootOnly() {
    assertThat(call(new TdpAgeHandler(), lockless(AttrFilter.SHARED))).isTrue();
    assertThat(young(direct)).isFalse();
    assertThat(young(mirror)).isTrue();
  }

  @Test
  void aVmWithoutMirroredTdpZapsItsDirectRootForPrivateToo() {
    world = World.builder(ArchProfile.X86_PRIVATE_MEMORY).vcpus(1).build();
    world.createSlot(SLOT);
    direct = world.mmu(0).currentRoot();
    world.withExclusiveLock(() -> direct.map(GFN, 1, 0x105, true, true, false));
    assertThat(unmap(AttrFilter.PRIVATE)).isTrue();
    assertThat(mapped(direct)).isFalse();
  }

  private boolean unmap(AttrFilter filter) {
    boolean[] result = new boolean[1];
    GfnHandler unmap = new X86UnmapHandler();
    world.withExclusiveLock(
        () -> result[0] = call(unmap, new GfnRange(SLOT, GFN, GFN + 1, 0, filter, true, false)));
    return result[0];
  }

  /** A checked handler call inside the SRCU read section a memslot walk holds (W2). */
  private boolean call(GfnHandler handler, GfnRange range) {
    int idx = world.srcu().readLock();
    try {
      return world.callHandler(handler, range);
    } finally {
      world.srcu().readUnlock(idx);
    }
  }

  private static GfnRange lockless(AttrFilter filter) {
    return new GfnRange(SLOT, GFN, GFN + 1, 0, filter, false, true);
  }

  private static boolean mapped(RadixRoot root) {
    return root.firstMapped(GFN, GFN + 1) == GFN;
  }

  private boolean young(RadixRoot root) {
    LeafProbe probe = new LeafProbe();
    assertThat(root.probe(GFN, probe)).as("%s maps gfn %d", root, GFN).isTrue();
    return world.codec().accessed(probe.value());
  }
}
