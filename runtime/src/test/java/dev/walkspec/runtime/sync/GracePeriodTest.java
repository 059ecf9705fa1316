package dev.walkspec.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.LeafProbe;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.mmu.TablePage;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GracePeriodTest {
  private World world;

  @BeforeEach
  void setUp() {
    world = World.builder(ArchProfile.X86).build();
    Actor.bind("aging");
  }

  @Test
  void h3ReadingAFreedTableAfterItsGracePeriodIsDetected() {
    RadixRoot root = (RadixRoot) currentRoot();
    world.withExclusiveLock(() -> root.map(5, 1, 77, true, true, false));
    world.rcu().readLock();
    LeafProbe probe = new LeafProbe();
    assertThat(root.probe(5, probe)).isTrue();
    TablePage leafPage = probe.page();
    // A huge mapping replaces the level-1 table: it is unlinked and freed through RCU.
    world.withExclusiveLock(() -> root.map(0, 2, 1024, true, false, false));
    assertThat(leafPage.unlinked()).isTrue();
    assertThat(leafPage.load(5)).as("zapped, but readable inside the section").isZero();
    world.rcu().runReadyCallbacks();
    assertThat(leafPage.poisoned()).as("the reader holds the grace period open").isFalse();
    world.rcu().readUnlock();
    world.quiesce();
    assertThat(leafPage.poisoned()).isTrue();
    assertThatThrownBy(() -> leafPage.load(5))
        .isInstanceOf(RuleViolation.class)
        .hasMessageContaining("H3: read of entry 5 of table page #")
        .hasMessageContaining("use-after-free");
    assertThatThrownBy(() -> leafPage.compareAndSet(5, 0, 1)).hasMessageContaining("H3");
  }

  @Test
  void callbacksRunInOrderOnlyAfterTheReadersLeave() {
    List<String> ran = new ArrayList<>();
    world.rcu().readLock();
    world.rcu().callAfterGracePeriod(() -> ran.add("first"));
    world.rcu().callAfterGracePeriod(() -> ran.add("second"));
    world.rcu().runReadyCallbacks();
    assertThat(ran).isEmpty();
    assertThat(world.rcu().pendingCallbacks()).isEqualTo(2);
    world.rcu().readUnlock();
    world.rcu().runReadyCallbacks();
    assertThat(ran).containsExactly("first", "second");
    world.rcu().callAfterGracePeriod(() -> ran.add("no readers"));
    assertThat(ran).endsWith("no readers");
  }

  @Test
  void h8SynchronizeInsideItsOwnSectionOrUnderTheLockFails() {
    world.rcu().readLock();
    assertThatThrownBy(() -> world.rcu().synchronize())
        .hasMessageContaining(
            "H8: actor 'aging' waits for an rcu grace period inside its own read section");
    world.rcu().readUnlock();
    world.mmuLock().lockWrite();
    assertThatThrownBy(() -> world.srcu().synchronize())
        .hasMessage(
            "H8: synchronize_srcu may sleep, but actor 'aging' holds mmu_lock (write), a spinning"
                + " lock");
    world.mmuLock().unlockWrite();
    world.rcu().synchronize();
    world.srcu().synchronize();
  }

  @Test
  void h8SleepingInAnRcuSectionOrNonBlockableContextFails() {
    world.condResched();
    world.rcu().readLock();
    assertThatThrownBy(world::condResched)
        .hasMessage("H8: cond_resched may sleep, but actor 'aging' is inside an RCU read section");
    world.rcu().readUnlock();
    world.mmuLock().lockRead();
    assertThatThrownBy(world::mightSleep).hasMessageContaining("holds mmu_lock (read)");
    world.mmuLock().unlockRead();

    MemSlot slot = world.createSlot(new MemSlot(0, 1, 0, 4, 0x10000, 0));
    int idx = world.srcu().readLock();
    GfnRange lockless = new GfnRange(slot, 0, 1, 0, AttrFilter.SHARED, false, true);
    assertThatThrownBy(
            () ->
                world.callHandler(
                    (kvm, range) -> {
                      kvm.condResched();
                      return false;
                    },
                    lockless))
        .hasMessageContaining("H8: cond_resched may sleep")
        .hasMessageContaining("non-blockable context");
    world.srcu().readUnlock(idx);
  }

  @Test
  void h2UnbalancedReadSectionsAreRejected() {
    assertThatThrownBy(() -> world.rcu().readUnlock())
        .hasMessage("H2: actor 'aging' leaves an rcu read section it is not in");
    int idx = world.srcu().readLock();
    assertThatThrownBy(() -> world.srcu().readUnlock(1 - idx))
        .hasMessageContaining(
            "H2: srcu_read_unlock(" + (1 - idx) + ") does not match index " + idx);
    world.srcu().readUnlock(idx);
    assertThatThrownBy(() -> world.srcu().readUnlock(idx)).hasMessageContaining("H2");
  }

  @Test
  void srcuIndexFlipsWithEachGracePeriod() {
    int before = world.srcu().readLock();
    world.srcu().readUnlock(before);
    world.srcu().synchronize();
    int after = world.srcu().readLock();
    assertThat(after).isEqualTo(1 - before);
    int nested = world.srcu().readLock();
    world.srcu().readUnlock(nested);
    world.srcu().readUnlock(after);
  }

  private dev.walkspec.runtime.api.Root currentRoot() {
    return world.mmu(0).currentRoot();
  }
}
