package dev.walkspec.runtime.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.testing.ScriptedScheduler;
import dev.walkspec.runtime.world.World;
import org.junit.jupiter.api.Test;

class SchedulerHookTest {

  @Test
  void aFixedInterleavingRunsExactlyAsScripted() {
    ScriptedScheduler scheduler = new ScriptedScheduler();
    World world = World.builder(ArchProfile.ARM64).scheduler(scheduler).build();
    Runnable section =
        () -> {
          world.rcu().readLock();
          world.rcu().readUnlock();
        };
    ScriptedScheduler.Outcome outcome =
        scheduler
            .actor("a", section)
            .actor("b", section)
            .then("a", 1)
            .then("b", 2)
            .then("a", 1)
            .run();
    assertThat(outcome.log())
        .containsExactly(
            "a: rcu_enter rcu",
            "b: rcu_enter rcu",
            "b: rcu_exit rcu",
            "b: done",
            "a: rcu_exit rcu",
            "a: done");
  }

  @Test
  void aContendedLockIsReportedAsBlockedOnItsHolder() {
    ScriptedScheduler scheduler = new ScriptedScheduler();
    World world = World.builder(ArchProfile.X86).scheduler(scheduler).build();
    ScriptedScheduler.Outcome outcome =
        scheduler
            .actor(
                "writer",
                () -> {
                  world.mmuLock().lockWrite();
                  world.condReschedMmuLock();
                  world.mmuLock().unlockWrite();
                })
            .actor(
                "reader",
                () -> {
                  world.mmuLock().lockRead();
                  world.mmuLock().unlockRead();
                })
            .then("writer", 1)
            .thenRun("reader")
            .thenRun("writer")
            .run();
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.log())
        .containsSubsequence(
            "writer: lock_write mmu_lock",
            "reader: lock_read mmu_lock",
            "reader: blocked on lock_read of mmu_lock held by 'writer'",
            "writer: unlock_write mmu_lock",
            "writer: resched kvm",
            "writer: lock_write mmu_lock",
            "writer: unlock_write mmu_lock",
            "reader: unlock_read mmu_lock");
    assertThat(outcome.deadlock()).isNull();
  }

  @Test
  void aCycleOfBitLocksIsReportedAsDeadlock() {
    ScriptedScheduler scheduler = new ScriptedScheduler();
    World world = World.builder(ArchProfile.X86).scheduler(scheduler).mmus(Mmus.SHADOW).build();
    MemSlot slot = world.createSlot(new MemSlot(0, 1, 0, 4, 0x10000, 0));
    SlotRmap rmap = world.mmu(0).rmap(slot);
    ScriptedScheduler.Outcome outcome =
        scheduler
            .actor("a", () -> lockBoth(rmap, 0, 1))
            .actor("b", () -> lockBoth(rmap, 1, 0))
            .then("a", 1)
            .then("b", 1)
            .thenRun("a")
            .thenRun("b")
            .run();
    assertThat(outcome.deadlock())
        .contains("'a' blocked on bit_lock of rmap[as 0, slot 1] held by 'b'")
        .contains("'b' blocked on bit_lock of rmap[as 0, slot 1] held by 'a'");
  }

  @Test
  void productionHookIsInertAndNotCooperative() {
    Scheduler production = Scheduler.production();
    assertThat(production.cooperative()).isFalse();
    production.yieldPoint(Op.LOAD, () -> "x", 0);
    assertThat(Op.independent(Op.LOAD, () -> "x", 1, Op.STORE, () -> "y", 1)).isTrue();
  }

  @Test
  void independenceSeparatesEntriesAndReadersButNotWriters() {
    Shared page = () -> "page#1";
    assertThat(Op.independent(Op.LOAD, page, 1, Op.CAS, page, 2)).isTrue();
    assertThat(Op.independent(Op.LOAD, page, 1, Op.LOAD, page, 1)).isTrue();
    assertThat(Op.independent(Op.LOAD, page, 1, Op.FETCH_AND, page, 1)).isFalse();
    Shared rcu = () -> "rcu";
    assertThat(Op.independent(Op.RCU_ENTER, rcu, -1, Op.RCU_EXIT, rcu, -1)).isTrue();
    assertThat(Op.independent(Op.RCU_EXIT, rcu, -1, Op.RCU_SYNCHRONIZE, rcu, -1)).isFalse();
  }

  private static void lockBoth(SlotRmap rmap, long first, long second) {
    try (RmapCursor outer = rmap.lock(first, 1);
        RmapCursor inner = rmap.lock(second, 1)) {
      outer.next();
      inner.next();
    }
  }
}
