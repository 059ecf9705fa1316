package dev.walkspec.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.vcpu.Vcpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Real threads in production mode: vCPUs faulting and touching memory, lockless aging, C1/C2
 * invalidations and memslot updates at once. Counts iterations, never time; every rule check stays
 * armed, so a broken primitive shows up as a RuleViolation or a wrong end state.
 */
class ProductionConcurrencyTest {
  private static final int ROUNDS = 1500;
  private static final long PAGES = 1024;

  @Test
  void concurrentActorsKeepEveryRuleAndEndConsistent() throws Exception {
    World world = World.builder(ArchProfile.X86).vcpus(2).build();
    MemSlot slot = world.createSlot(new MemSlot(0, 1, 0, PAGES, 0x4000_0000L, 0));
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(5);
    List<Thread> threads = new ArrayList<>();
    for (Vcpu vcpu : world.vcpus()) {
      threads.add(
          actor(
              "vcpu" + vcpu.id(),
              start,
              failures,
              random -> {
                long gfn = random.nextInt((int) PAGES);
                assertThat(vcpu.access(0, gfn, random.nextBoolean())).isEqualTo(0x4_0000L + gfn);
              }));
    }
    threads.add(
        actor(
            "aging",
            start,
            failures,
            random -> {
              int idx = world.srcu().readLock();
              try {
                long first = random.nextInt((int) PAGES);
                GfnRange range =
                    new GfnRange(
                        slot,
                        first,
                        Math.min(PAGES, first + 64),
                        0,
                        AttrFilter.SHARED,
                        false,
                        true);
                world.callHandler(SampleWalkerTest.LOCKLESS_AGE, range);
              } finally {
                world.srcu().readUnlock(idx);
              }
            }));
    threads.add(
        actor(
            "notifier",
            start,
            failures,
            random -> {
              long first = random.nextInt((int) PAGES);
              long end = Math.min(PAGES, first + 1 + random.nextInt(32));
              world.withExclusiveLock(
                  () -> {
                    world.invalidation().begin();
                    world.invalidation().addRange(first, end);
                    boolean flush = false;
                    for (Root root : world.mmu(0).roots()) {
                      flush |= root.zapRange(first, end);
                    }
                    if (flush) {
                      world.flushRemoteTlbs();
                    }
                  });
              world.withExclusiveLock(() -> world.invalidation().end());
            }));
    threads.add(
        actor(
            "memslots",
            start,
            failures,
            random -> {
              if (random.nextInt(20) == 0) {
                world.createSlot(new MemSlot(0, 9, 4096, 16, 0x8000_0000L, 0));
                world.deleteSlot(0, 9);
              }
            }));
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
    assertThat(world.invalidation().inProgress()).isZero();
    assertThat(world.invalidation().sequence()).isEqualTo(ROUNDS);

    world.withExclusiveLock(
        () -> {
          for (Root root : world.mmu(0).roots()) {
            root.zapRange(0, PAGES);
          }
          world.flushRemoteTlbs();
        });
    for (Vcpu vcpu : world.vcpus()) {
      assertThat(vcpu.tlb().size()).as("H12").isZero();
    }
    world.quiesce();
    assertThat(world.rcu().pendingCallbacks()).isZero();
  }

  interface Body {
    void round(Random random) throws Exception;
  }

  private static Thread actor(
      String name, CyclicBarrier start, ConcurrentLinkedQueue<Throwable> failures, Body body) {
    Thread thread =
        new Thread(
            () -> {
              dev.walkspec.runtime.sched.Actor.bind(name);
              Random random = new Random(name.hashCode());
              try {
                start.await();
                for (int i = 0; i < ROUNDS; i++) {
                  body.round(random);
                }
              } catch (Throwable failure) {
                failures.add(failure);
              }
            },
            name);
    thread.start();
    return thread;
  }
}
