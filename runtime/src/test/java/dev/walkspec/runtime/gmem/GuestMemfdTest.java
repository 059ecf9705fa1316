package dev.walkspec.runtime.gmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.GmemBinding;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import org.junit.jupiter.api.Test;

class GuestMemfdTest {
  private static final MemSlot LOW = new MemSlot(0, 1, 0, 8, 0x10_0000, 0);
  private static final MemSlot HIGH = new MemSlot(0, 2, 0x100, 16, 0x20_0000, 0);

  @Test
  void bindingsAreFoundByTheFilePagesTheyHold() {
    GuestMemfd gmem = new GuestMemfd(0, true);
    GmemBinding high = gmem.bind(HIGH, 8);
    GmemBinding low = gmem.bind(LOW, 0);
    assertThat(gmem.bindings()).containsExactly(low, high);
    assertThat(gmem.bindingsIn(4, 12)).containsExactly(low, high);
    assertThat(gmem.bindingsIn(8, 9)).containsExactly(high);
    assertThat(gmem.bindingsIn(24, 30)).isEmpty();
    assertThat(gmem.anyBindingIn(7, 8)).isTrue();
    assertThat(gmem.anyBindingIn(24, 25)).isFalse();
  }

  /** Found by GmemWalkEquivalenceTest: xa_for_each_range over [start, end - 1] finds nothing. */
  @Test
  void anEmptyRangeHoldsNoFilePage() {
    GuestMemfd gmem = new GuestMemfd(0, true);
    gmem.bind(HIGH, 8);
    assertThat(gmem.bindingsIn(10, 10)).isEmpty();
    assertThat(gmem.bindingsIn(12, 9)).isEmpty();
    assertThat(gmem.anyBindingIn(10, 10)).isFalse();
  }

  @Test
  void overlappingOrRepeatedBindingsAreRefused() {
    GuestMemfd gmem = new GuestMemfd(3, false);
    gmem.bind(HIGH, 8);
    assertThatThrownBy(() -> gmem.bind(LOW, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "guest_memfd 3: slot 1 at file pages [20,28) overlaps the binding of slot 2 at file"
                + " pages [8,24)");
    assertThatThrownBy(() -> gmem.bind(HIGH, 40))
        .hasMessage("slot 2 is bound to guest_memfd 3 already: slot 2 at file pages [8,24)");
  }

  @Test
  void aWorldKeepsItsInstancesWithTheirFlag() {
    World world = World.builder(ArchProfile.X86_PRIVATE_MEMORY).build();
    GuestMemfd shared = world.createGuestMemfd(true);
    GuestMemfd priv = world.createGuestMemfd(false);
    assertThat(world.guestMemfd(0)).isSameAs(shared);
    assertThat(world.guestMemfd(1)).isSameAs(priv);
    assertThat(shared.initShared()).isTrue();
    assertThat(priv.initShared()).isFalse();
    assertThat(shared).hasToString("guest_memfd 0 (INIT_SHARED)");
    assertThatThrownBy(() -> world.guestMemfd(2)).hasMessage("no guest_memfd 2 (this VM has 2)");
  }

  @Test
  void aBindingCallNeedsNoSrcuSectionButABoundSlot() {
    Actor.bind("gmem");
    World world = World.builder(ArchProfile.X86_PRIVATE_MEMORY).build();
    world.createSlot(LOW);
    world.createSlot(HIGH);
    GuestMemfd gmem = world.createGuestMemfd(true);
    gmem.bind(HIGH, 8);
    GfnRange bound = GfnRange.forGmem(gmem.bindings().get(0), 8, 9, AttrFilter.SHARED);
    GfnRange unbound = new GfnRange(LOW, 0, 1, 0, AttrFilter.SHARED, true, false);
    GfnHandler handler = (kvm, range) -> true;
    world.withExclusiveLock(
        () -> {
          assertThat(world.callBindingHandler(handler, bound, gmem)).isTrue();
          assertThatThrownBy(() -> world.callBindingHandler(handler, unbound, gmem))
              .isInstanceOf(RuleViolation.class)
              .hasMessageStartingWith("W4: the handler's slot MemSlot[addressSpace=0, id=1")
              .hasMessageEndingWith(" is not bound to guest_memfd 0 (INIT_SHARED)");
        });
    assertThatThrownBy(() -> world.callBindingHandler(handler, bound, gmem))
        .as("still a locked call (W7)")
        .hasMessageStartingWith("W7:");
  }

  @Test
  void mirroredTdpNeedsTheTdpMmuAlone() {
    assertThatThrownBy(
            () ->
                World.builder(ArchProfile.X86_PRIVATE_MEMORY)
                    .mmus(Mmus.TDP_AND_SHADOW)
                    .mirroredTdp(true)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a VM with mirrored TDP (TDX) has the TDP MMU alone, not the TDP and shadow MMUs");
  }
}
