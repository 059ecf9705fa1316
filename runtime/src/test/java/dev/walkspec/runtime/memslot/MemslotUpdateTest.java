package dev.walkspec.runtime.memslot;

import static dev.walkspec.runtime.testing.Slots.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.MemSlotSet;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.testing.ScriptedScheduler;
import dev.walkspec.runtime.world.World;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemslotUpdateTest {

  @Test
  void w2ReadingTheCurrentSetOutsideAnSrcuSectionIsDetected() {
    World world = World.builder(ArchProfile.X86).build();
    Actor.bind("walker");
    assertThatThrownBy(() -> world.memslots(0))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "W2: reading the memslots of address space 0 requires an srcu read section, but actor"
                + " 'walker' is not in one");
  }

  @Test
  void w2ReadingARetiredSetIsDetected() {
    World world = World.builder(ArchProfile.X86).build();
    int idx = world.srcu().readLock();
    MemSlotSet old = world.memslots(0);
    world.srcu().readUnlock(idx);
    world.createSlot(slot(0, 1, 0, 16, 0x100));
    assertThat(old.retired()).isTrue();
    assertThatThrownBy(() -> old.overlapping(0, Long.MAX_VALUE))
        .isInstanceOf(RuleViolation.class)
        .hasMessageContaining("W2: memslot set generation 0 of address space 0 was retired")
        .hasMessageContaining("use-after-free");
    assertThatThrownBy(() -> old.byGfn(3)).hasMessageContaining("retired");
    idx = world.srcu().readLock();
    assertThat(world.memslots(0).count()).isEqualTo(1);
    world.srcu().readUnlock(idx);
  }

  @Test
  void w2ACursorHeldAcrossTheGracePeriodFailsOnItsNextSlot() {
    World world = World.builder(ArchProfile.X86).build();
    world.createSlot(slot(0, 1, 0, 16, 0x100));
    world.createSlot(slot(0, 2, 16, 16, 0x100));
    int idx = world.srcu().readLock();
    var cursor = world.memslots(0).overlapping(0, Long.MAX_VALUE);
    cursor.next();
    world.srcu().readUnlock(idx);
    world.deleteSlot(0, 1);
    assertThatThrownBy(cursor::next).hasMessageContaining("W2");
  }

  @Test
  void movingASlotZapsItsOldGfnsAndRebuildsItsReverseMap() {
    // Shadow paging: the vCPU's faults install shadow entries, which the reverse maps list.
    World world = World.builder(ArchProfile.X86).hugePages(false).mmus(Mmus.SHADOW).build();
    MemSlot slot = world.createSlot(slot(0, 4, 0, 8, 0x100));
    world.vcpu(0).access(0, 3, false);
    assertThat(world.mmu(0).rmap(slot).count(3, 1)).isEqualTo(1);
    MemSlot moved = world.moveSlot(0, 4, 64);
    assertThat(moved.baseGfn()).isEqualTo(64);
    assertThat(world.vcpu(0).tlb().maps(0, 3)).isFalse();
    world.mmuLock().lockRead();
    assertThat(world.mmu(0).allRoots().get(0).walk(0, 8).next()).isFalse();
    world.mmuLock().unlockRead();
    assertThatThrownBy(() -> world.mmu(0).rmap(slot)).hasMessageContaining("no reverse map");
    assertThat(world.vcpu(0).access(0, 67, false)).isEqualTo(0x100 + 3);
    assertThat(world.mmu(0).rmap(moved).count(67, 1)).isEqualTo(1);
    assertThat(world.vcpu(0).access(0, 3, false)).as("no slot at the old gfns").isEqualTo(-1);
  }

  @Test
  void badUpdatesNameTheProblemAndChangeNothing() {
    World world = World.builder(ArchProfile.X86).build();
    world.createSlot(slot(0, 1, 10, 10, 0x100));
    assertThatThrownBy(() -> world.createSlot(slot(0, 2, 15, 10, 0x900)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gfn overlap in address space 0");
    assertThatThrownBy(() -> world.createSlot(slot(2, 3, 0, 1, 0)))
        .hasMessageContaining("names address space 2, but profile x86 has 2");
    assertThatThrownBy(() -> world.deleteSlot(0, 42)).hasMessageContaining("no slot 42");
    assertThat(world.memslotStore().peek(0).generation()).isEqualTo(1);
  }

  @Test
  void anSrcuReaderKeepsItsSetUntilItLeavesAndTheWriterWaitsForIt() {
    ScriptedScheduler scheduler = new ScriptedScheduler();
    World world = World.builder(ArchProfile.X86).scheduler(scheduler).build();
    AtomicBoolean retiredInside = new AtomicBoolean(true);
    AtomicInteger countInside = new AtomicInteger(-1);
    MemSlotSet[] seen = new MemSlotSet[1];
    scheduler
        .actor(
            "reader",
            () -> {
              int idx = world.srcu().readLock();
              seen[0] = world.memslots(0);
              retiredInside.set(seen[0].retired());
              countInside.set(seen[0].count());
              world.srcu().readUnlock(idx);
            })
        .actor("updater", () -> world.createSlot(slot(0, 7, 0, 8, 0x40)))
        .then("reader", 2)
        .thenRun("updater")
        .thenRun("reader");
    ScriptedScheduler.Outcome outcome = scheduler.run();

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.log())
        .contains("updater: blocked on srcu_synchronize of srcu held by 'reader'");
    assertThat(outcome.indexOf("updater: memslot_publish"))
        .isLessThan(outcome.indexOf("reader: srcu_exit"));
    assertThat(outcome.indexOf("reader: srcu_exit")).isLessThan(outcome.indexOf("updater: done"));
    assertThat(retiredInside).isFalse();
    assertThat(countInside).hasValue(0);
    assertThat(seen[0].retired()).isTrue();
  }

  @Test
  void inProductionTheWriterCannotFinishWhileAReaderIsInside() throws Exception {
    World world = World.builder(ArchProfile.X86).build();
    int idx = world.srcu().readLock();
    MemSlotSet old = world.memslots(0);
    CountDownLatch done = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () -> {
              world.createSlot(slot(0, 1, 0, 4, 0x10));
              done.countDown();
            });
    writer.start();
    while (world.memslotStore().peek(0).generation() == 0) {
      Thread.onSpinWait();
    }
    assertThat(done.getCount()).as("the writer waits for the grace period").isEqualTo(1);
    assertThat(old.retired()).isFalse();
    assertThat(old.count()).isZero();
    world.srcu().readUnlock(idx);
    writer.join();
    assertThat(old.retired()).isTrue();
  }

  @Test
  void c1UpdatesWaitWhileAnInvalidationIsInProgress() {
    ScriptedScheduler scheduler = new ScriptedScheduler();
    World world = World.builder(ArchProfile.X86).scheduler(scheduler).build();
    scheduler
        .actor(
            "notifier",
            () -> {
              world.withExclusiveLock(
                  () -> {
                    world.invalidation().begin();
                    world.invalidation().addRange(0, 1);
                  });
              world.withExclusiveLock(() -> world.invalidation().end());
            })
        .actor("updater", () -> world.createSlot(slot(0, 1, 0, 4, 0x10)))
        .then("notifier", 4)
        .thenRun("updater")
        .thenRun("notifier");
    ScriptedScheduler.Outcome outcome = scheduler.run();

    assertThat(outcome.failures()).isEmpty();
    int blocked = outcome.indexOf("updater: blocked on memslot_publish of mmu_invalidate held by");
    assertThat(blocked).isPositive();
    int ended = outcome.log().lastIndexOf("notifier: unlock_write mmu_lock");
    assertThat(blocked).isLessThan(ended);
    assertThat(outcome.indexOf("updater: memslot_publish")).isGreaterThan(ended);
  }
}
