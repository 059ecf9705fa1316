package dev.walkspec.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.world.World;
import org.junit.jupiter.api.Test;

/** x86's root selection by attr_filter (kvm_gfn_range_filter_to_root_types). */
class RootTypesTest {
  @Test
  void aVmWithoutMirroredTdpGetsTheDirectRootsWhateverTheFilter() {
    assertThat(RootTypes.of(false, AttrFilter.SHARED)).isEqualTo(new RootTypes(true, false));
    assertThat(RootTypes.of(false, AttrFilter.PRIVATE)).isEqualTo(new RootTypes(true, false));
  }

  @Test
  void aTdxVmGetsTheMirrorRootsForPrivateAndTheDirectRootsForShared() {
    assertThat(RootTypes.of(true, AttrFilter.PRIVATE)).isEqualTo(new RootTypes(false, true));
    assertThat(RootTypes.of(true, AttrFilter.SHARED)).isEqualTo(new RootTypes(true, false));
  }

  @Test
  void anEmptySelectionIsRefusedAsUpstreamWarnsOnIt() {
    assertThatThrownBy(() -> new RootTypes(false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("root types select no root (upstream WARNs on this)");
  }

  @Test
  void aTdxWorldHasADirectAndAMirrorRootAndTheTypesPickOne() {
    World world = World.builder(ArchProfile.X86_PRIVATE_MEMORY).vcpus(1).mirroredTdp(true).build();
    assertThat(world.mirroredTdp()).isTrue();
    Root direct = world.mmu(0).peekRoots().get(0);
    Root mirror = world.mmu(0).peekRoots().get(1);
    assertThat(world.mmu(0).peekRoots()).hasSize(2);
    assertThat(direct.mirror()).isFalse();
    assertThat(mirror.mirror()).isTrue();
    assertThat(mirror).hasToString("mirror root " + mirror.id() + " of as 0");
    assertThat(world.mmu(0).currentRoot()).as("a vCPU loads the direct root").isSameAs(direct);
    assertThat(RootTypes.MIRROR.includes(mirror)).isTrue();
    assertThat(RootTypes.MIRROR.includes(direct)).isFalse();
    assertThat(RootTypes.DIRECT.includes(direct)).isTrue();
    assertThat(RootTypes.DIRECT.includes(mirror)).isFalse();
  }

  @Test
  void aWorldWithoutMirroredTdpHasNoMirrorRoot() {
    World world = World.builder(ArchProfile.X86_PRIVATE_MEMORY).vcpus(1).build();
    assertThat(world.mirroredTdp()).isFalse();
    assertThat(world.mmu(0).peekRoots()).hasSize(1).noneMatch(Root::mirror);
  }
}
