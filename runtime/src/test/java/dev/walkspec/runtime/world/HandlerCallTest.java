package dev.walkspec.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.sched.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks callHandler makes around a handler (W2, W4, W7, H1, H2, H8). */
class HandlerCallTest {
  private World world;
  private MemSlot slot;
  private int srcu;

  @BeforeEach
  void setUp() {
    Actor.bind("walker");
    world = World.builder(ArchProfile.X86).mmus(Mmus.TDP_AND_SHADOW).build();
    slot = world.createSlot(new MemSlot(0, 1, 0, 16, 0x10000, 0));
    srcu = world.srcu().readLock();
  }

  @AfterEach
  void tearDown() {
    if (world.srcu().inReadSection()) {
      world.srcu().readUnlock(srcu);
    }
  }

  private GfnRange range(boolean mayBlock, boolean lockless) {
    return new GfnRange(slot, 2, 4, 7, AttrFilter.SHARED, mayBlock, lockless);
  }

  @Test
  void aWellBehavedHandlerIsCalledWithTheRange() {
    world.mmuLock().lockWrite();
    assertThat(world.callHandler((kvm, r) -> r.arg() == 7, range(true, false))).isTrue();
    assertThat(world.callIntHandler((kvm, r) -> (int) r.pages(), range(true, false))).isEqualTo(2);
    world.mmuLock().unlockWrite();
    assertThat(
            world.callHandler(
                (kvm, r) -> {
                  kvm.mmuLock().assertNotHeld("H1");
                  return false;
                },
                range(false, true)))
        .isFalse();
  }

  @Test
  void h1LocklessHandlerCalledUnderTheLockOrLockedOneWithoutIt() {
    world.mmuLock().lockWrite();
    assertThatThrownBy(() -> world.callHandler((kvm, r) -> true, range(false, true)))
        .isInstanceOf(RuleViolation.class)
        .hasMessageStartingWith(
            "H1: a lockless handler runs without the MMU lock, but actor 'walker' holds it (write)");
    world.mmuLock().unlockWrite();
    assertThatThrownBy(() -> world.callHandler((kvm, r) -> true, range(true, false)))
        .hasMessageStartingWith("W7: a locked walk calls its handler with the MMU lock held");
  }

  @Test
  void h1AHandlerThatReleasesTheLockIsCaught() {
    world.mmuLock().lockWrite();
    assertThatThrownBy(
            () ->
                world.callHandler(
                    (kvm, r) -> {
                      kvm.mmuLock().unlockWrite();
                      return true;
                    },
                    range(true, false)))
        .hasMessageStartingWith(
            "H1: the handler changed the MMU lock state from held (write) to not held");
  }

  @Test
  void h2AHandlerThatLeavesAnRcuSectionOrBitLockOpenIsCaught() {
    assertThatThrownBy(
            () ->
                world.callHandler(
                    (kvm, r) -> {
                      kvm.rcu().readLock();
                      return true;
                    },
                    range(false, true)))
        .hasMessageStartingWith(
            "H2: the handler returned with RCU read-section depth 1, it was called with 0");
    world.rcu().readUnlock();
    assertThatThrownBy(
            () ->
                world.callHandler(
                    (kvm, r) -> {
                      kvm.mmu(0).rmap(r.slot()).lock(r.start(), 1);
                      return true;
                    },
                    range(false, true)))
        .hasMessageStartingWith("H2: the handler returned holding rmap[as 0, slot 1] (spin)");
  }

  @Test
  void h12AHandlerThatYieldsTheLockFlushesWhatItZappedFirst() {
    world.mmuLock().lockWrite();
    world.mmu(0).currentRoot().map(2, 1, 0x100, true, true, false);
    world.mmu(0).currentRoot().map(3, 1, 0x101, true, true, false);
    assertThatThrownBy(
            () ->
                world.callHandler(
                    (kvm, r) -> {
                      kvm.mmu(0).roots().get(0).zapRange(2, 3);
                      kvm.condReschedMmuLock();
                      return true;
                    },
                    range(true, false)))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "H12: actor 'walker' gives up the MMU lock with 1 zapped entry not yet flushed from"
                + " remote TLBs: flush before yielding");
    assertThat(
            world.callHandler(
                (kvm, r) -> {
                  kvm.mmu(0).roots().get(0).zapRange(3, 4);
                  kvm.flushRemoteTlbs();
                  kvm.condReschedMmuLock();
                  return false;
                },
                range(true, false)))
        .isFalse();
    world.mmuLock().unlockWrite();
  }

  @Test
  void h14WithATaskWaitingAHandlerOffersTheLockOncePer512ZapsOrPerGigabyte() {
    long giga = 1L << 18;
    world.srcu().readUnlock(srcu); // a slot update waits for SRCU readers
    MemSlot big = world.createSlot(new MemSlot(0, 2, giga - 300, 1200, 0x1000_0000L, 0));
    srcu = world.srcu().readLock();
    GfnRange across = new GfnRange(big, giga - 300, giga + 900, 0, AttrFilter.SHARED, true, false);
    world.mmuLock().lockWrite();
    for (long gfn = giga - 300; gfn < giga + 900; gfn++) {
      world.mmu(0).currentRoot().map(gfn, 1, 0x100 + gfn, true, true, false);
    }
    world.mmuContext().setWaiter(true);
    // 600 zaps in the region below and above 1 GiB at once, never offering the lock.
    assertThatThrownBy(
            () ->
                world.callHandler(
                    (kvm, r) -> kvm.mmu(0).roots().get(0).zapRange(giga - 300, giga + 300), across))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "H14: actor 'walker' keeps the MMU lock from a waiting task across 513 zapped entries"
                + " in more than one 1 GiB region (now gfn "
                + (giga + 212)
                + ") without offering it: a handler that may block yields (cond_resched) at least"
                + " once per 512 entries or per 1 GiB region");
    world.flushRemoteTlbs();
    world.mmuContext().lockOffered();
    world.mmu(0).currentRoot().map(giga - 300, 1, 0x100, true, true, false);
    // 588 zaps within one region (arm64's chunks), then the lock offered before the next region.
    assertThat(
            world.callHandler(
                (kvm, r) -> {
                  kvm.mmu(0).roots().get(0).zapRange(giga + 301, giga + 889);
                  kvm.flushRemoteTlbs();
                  kvm.condReschedMmuLock();
                  return kvm.mmu(0).roots().get(0).zapRange(giga - 300, giga - 299);
                },
                across))
        .isTrue();
    world.flushRemoteTlbs();
    world.mmuContext().setWaiter(false);
    world.mmuLock().unlockWrite();
  }

  @Test
  void h8MayBlockHandlersMayYieldTheLockButOthersMayNot() {
    world.mmuLock().lockWrite();
    assertThat(
            world.callHandler(
                (kvm, r) -> {
                  kvm.condReschedMmuLock();
                  return true;
                },
                range(true, false)))
        .isTrue();
    assertThatThrownBy(
            () ->
                world.callHandler(
                    (kvm, r) -> {
                      kvm.condReschedMmuLock();
                      return true;
                    },
                    range(false, false)))
        .hasMessageContaining("H8: cond_resched on the MMU lock may sleep")
        .hasMessageContaining("non-blockable");
    world.mmuLock().unlockWrite();
  }

  @Test
  void w2AndW4TheWalkMustHoldSrcuAndPassALiveSlot() {
    world.srcu().readUnlock(srcu);
    assertThatThrownBy(() -> world.callHandler((kvm, r) -> true, range(false, true)))
        .hasMessageStartingWith("W2: handlers run inside the walk's SRCU read section");
    MemSlot stale = new MemSlot(0, 1, 0, 8, 0x10000, 0);
    srcu = world.srcu().readLock();
    assertThatThrownBy(
            () ->
                world.callHandler(
                    (kvm, r) -> true, new GfnRange(stale, 0, 1, 0, AttrFilter.SHARED, false, true)))
        .hasMessageStartingWith("W4: the handler's slot");
  }
}
