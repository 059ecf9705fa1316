package dev.walkspec.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.trace.RecordingWorldEventSink;
import dev.walkspec.runtime.world.World;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MmuLockTest {
  private World world;
  private MmuLockImpl lock;

  @BeforeEach
  void setUp() {
    world = World.builder(ArchProfile.X86).build();
    lock = world.mmuLock();
    Actor.bind("aging");
  }

  @Test
  void h1AssertHeldWriteWithoutTheLockNamesRuleActorAndState() {
    assertThatThrownBy(() -> world.invalidation().begin())
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "H1: invalidate_begin requires the MMU lock held for write, but actor 'aging' holds"
                + " nothing");
    lock.lockRead();
    assertThatThrownBy(() -> lock.assertHeldWrite("H1", "zapping"))
        .hasMessage(
            "H1: zapping requires the MMU lock held for write, but actor 'aging' holds it for read");
    lock.unlockRead();
  }

  @Test
  void assertionsPassWhenTheirConditionHolds() {
    lock.assertNotHeld("H1");
    lock.lockWrite();
    lock.assertHeldWrite("H1");
    lock.assertHeld("H1");
    assertThat(lock.heldMode()).isEqualTo(LockMode.WRITE);
    assertThat(lock.owner().name()).isEqualTo("aging");
    assertThatThrownBy(() -> lock.assertNotHeld("H1", "a lockless handler"))
        .hasMessage(
            "H1: a lockless handler must run without the MMU lock, but actor 'aging' holds it for"
                + " write");
    assertThatThrownBy(() -> lock.assertHeldRead("H1")).hasMessageContaining("held for read");
    lock.unlockWrite();
    assertThat(lock.owner()).isNull();
  }

  @Test
  void h1DoubleLockIsRejectedBeforeItDeadlocks() {
    lock.lockWrite();
    assertThatThrownBy(lock::lockWrite)
        .isInstanceOf(RuleViolation.class)
        .hasMessageContaining(
            "H1: actor 'aging' takes the MMU lock (write) while already holding it (write)");
    assertThatThrownBy(lock::lockRead).hasMessageContaining("already holding it (write)");
    lock.unlockWrite();
    lock.lockRead();
    assertThatThrownBy(lock::lockRead).hasMessageContaining("not recursive");
    lock.unlockRead();
  }

  @Test
  void h2UnlockByANonOwnerNamesTheOwner() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread owner =
        new Thread(
            () -> {
              Actor.bind("fault-0");
              lock.lockWrite();
              held.countDown();
              await(release);
              lock.unlockWrite();
            });
    owner.start();
    held.await();
    assertThatThrownBy(lock::unlockWrite)
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "H2: actor 'aging' releases the MMU lock (write) but does not hold it (it is held for"
                + " write by 'fault-0')");
    release.countDown();
    owner.join();
    assertThatThrownBy(lock::unlockRead).hasMessageContaining("(nobody holds it)");
  }

  @Test
  void h2ReleasingInTheWrongModeIsRejected() {
    lock.lockRead();
    assertThatThrownBy(lock::unlockWrite)
        .hasMessage("H2: actor 'aging' releases the MMU lock (write) but holds it for read");
    lock.unlockRead();
  }

  @Test
  void w7LockKindMismatchIsRejected() {
    assertThatThrownBy(lock::lock)
        .hasMessageContaining("W7: cannot take the MMU lock in mode spin")
        .hasMessageContaining("reader/writer lock");
    MmuLockImpl spin = World.builder(ArchProfile.RISCV).build().mmuLock();
    assertThatThrownBy(spin::lockWrite).hasMessageContaining("spinlock (use lock()/unlock())");
    spin.lock();
    spin.assertHeldWrite("H1", "invalidate_begin");
    assertThatThrownBy(() -> spin.assertHeldRead("H1")).hasMessageContaining("holds it (spin)");
    spin.unlock();
  }

  @Test
  void lockChangesAreWorldEventsWhenRecorded() {
    RecordingWorldEventSink events = new RecordingWorldEventSink();
    World recorded = World.builder(ArchProfile.ARM64).worldEvents(events).build();
    events.clear();
    recorded.mmuLock().lockRead();
    recorded.mmuLock().unlockRead();
    assertThat(events.lines())
        .containsExactly("MMU_LOCK actor=aging mode=read", "MMU_UNLOCK actor=aging mode=read");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
