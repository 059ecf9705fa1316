package dev.walkspec.bench.aging;

import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.trace.TraceSink;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongBinaryOperator;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 3, the seed's experiment in the model (after the kernel's {@code
 * access_tracking_perf_test -p}): {@code vcpus} real vCPU threads fault in their part of {@code
 * pages} pages of guest memory (4 KiB mappings, write accesses, each fault taking the MMU lock for
 * read as x86 does) and then keep touching it {@code touches} more times (the simulated hardware
 * sets Accessed), while one aging thread runs clear_young passes over all of it, one call per
 * {@code chunkPages} pages (the kernel ages in small ranges too), through the x86 TDP or shadow MMU
 * age handler in production mode.
 *
 * <p>Three kinds of round: NONE (no aging), LOCKED (the walker generated from V4,
 * v4-v6.14-locked-aging.walk: every pass call takes the MMU lock for write, so vCPU faults wait)
 * and LOCKLESS (the walker generated from the canonical spec). They take turns, one round each in
 * order, inside one fork, so that the three are measured side by side under the same conditions (on
 * a shared machine, load that comes and goes hits all three alike). One invocation is one round on
 * a fresh world; the primary score is the mean round time over the three kinds. The auxiliary
 * counters give, per iteration and kind, the aging passes completed, their total time, the vCPU
 * accesses and the vCPU wall time, from which the report derives the average pass time and the vCPU
 * accesses per second of each kind, and the ratios between them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AgingContentionBenchmark {
  /** Host address of the guest memory's slot. */
  static final long HVA = 0x1_0000_0000L;

  /** Who ages. */
  public enum Aging {
    NONE,
    LOCKED,
    LOCKLESS
  }

  /** Which x86 MMU's age handler. */
  public enum Mmu {
    TDP,
    SHADOW
  }

  @Param({"1", "2", "4"})
  public int vcpus;

  @Param({"TDP", "SHADOW"})
  public Mmu mmu;

  /** Guest memory in 4 KiB pages (32768: 128 MiB). */
  @Param({"32768"})
  public int pages;

  /** Passes over its memory each vCPU makes after faulting it in. */
  @Param({"2"})
  public int touches;

  /** Pages per clear_young call of an aging pass (512: 2 MiB). */
  @Param({"512"})
  public int chunkPages;

  /**
   * Per-iteration counters, read by JMH as secondary results, per kind of round: aging passes
   * completed while the vCPUs ran, their total time (ns), the guest accesses the vCPUs made and the
   * vCPUs' wall time (ns).
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    public long noneRounds;
    public long noneAccesses;
    public long noneVcpuNanos;
    public long lockedRounds;
    public long lockedPasses;
    public long lockedPassNanos;
    public long lockedAccesses;
    public long lockedVcpuNanos;
    public long locklessRounds;
    public long locklessPasses;
    public long locklessPassNanos;
    public long locklessAccesses;
    public long locklessVcpuNanos;

    void add(Aging aging, long passes, long passNanos, long accesses, long vcpuNanos) {
      switch (aging) {
        case NONE -> {
          noneRounds++;
          noneAccesses += accesses;
          noneVcpuNanos += vcpuNanos;
        }
        case LOCKED -> {
          lockedRounds++;
          lockedPasses += passes;
          lockedPassNanos += passNanos;
          lockedAccesses += accesses;
          lockedVcpuNanos += vcpuNanos;
        }
        case LOCKLESS -> {
          locklessRounds++;
          locklessPasses += passes;
          locklessPassNanos += passNanos;
          locklessAccesses += accesses;
          locklessVcpuNanos += vcpuNanos;
        }
      }
    }
  }

  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean shutdown;
  private volatile int round;
  private volatile boolean agingStop;
  private volatile int vcpusDone;
  private volatile boolean agingIdle = true;
  private volatile World world;
  private Aging aging;
  private int rounds;
  private volatile LongBinaryOperator walk;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private long passes;
  private long passNanos;
  private final Object doneLock = new Object();

  @Setup(Level.Trial)
  public void startThreads() {
    for (int i = 0; i < vcpus; i++) {
      int index = i;
      threads.add(daemon("vcpu " + i, () -> vcpuLoop(index)));
    }
    threads.add(daemon("aging", this::agingLoop));
    threads.forEach(Thread::start);
  }

  private Thread daemon(String name, Runnable body) {
    Thread thread =
        new Thread(
            () -> {
              Actor.bind(name);
              try {
                body.run();
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            },
            name);
    thread.setDaemon(true);
    return thread;
  }

  @Setup(Level.Invocation)
  public void newWorld() {
    aging = Aging.values()[rounds++ % Aging.values().length];
    World w = World.builder(ArchProfile.X86).vcpus(vcpus).hugePages(false).build();
    w.createSlot(new MemSlot(0, 1, 0, pages, HVA, 0));
    GfnHandler handler = mmu == Mmu.TDP ? new TdpAgeHandler() : new ShadowAgeHandler();
    walk =
        switch (aging) {
          case NONE -> null;
          case LOCKED -> {
            var walker =
                new dev.walkspec.generated.v4_v6_14_locked_aging.ClearYoungX86Walker(
                    w, handler, TraceSink.OFF);
            yield (start, end) -> walker.walk(start, end).ret();
          }
          case LOCKLESS -> {
            var walker =
                new dev.walkspec.generated.kvm.ClearYoungX86Walker(w, handler, TraceSink.OFF);
            yield (start, end) -> walker.walk(start, end).ret();
          }
        };
    world = w;
    passes = 0;
    passNanos = 0;
    vcpusDone = 0;
    agingStop = false;
  }

  /** One round: the vCPUs fault in and touch their memory while the aging thread ages it. */
  @Benchmark
  public void round(Counters counters) throws InterruptedException {
    agingIdle = false;
    long start = System.nanoTime();
    round++;
    synchronized (doneLock) {
      while (vcpusDone < vcpus && failure.get() == null) {
        doneLock.wait(1);
      }
    }
    long vcpuNanos = System.nanoTime() - start;
    agingStop = true;
    while (!agingIdle && failure.get() == null) {
      Thread.onSpinWait();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a benchmark thread failed", failure.get());
    }
    counters.add(
        aging, passes, passNanos, (long) pages / vcpus * vcpus * (1L + touches), vcpuNanos);
  }

  private void vcpuLoop(int index) {
    int seen = 0;
    while (!shutdown) {
      seen = awaitRound(seen);
      if (shutdown) {
        return;
      }
      World w = world;
      int part = pages / vcpus;
      long first = (long) index * part;
      var vcpu = w.vcpu(index);
      for (int pass = 0; pass <= touches; pass++) {
        for (long gfn = first; gfn < first + part; gfn++) {
          if (vcpu.access(0, gfn, true) < 0) {
            throw new IllegalStateException("vCPU " + index + ": gfn " + gfn + " is not mapped");
          }
        }
      }
      synchronized (doneLock) {
        vcpusDone++;
        doneLock.notifyAll();
      }
    }
  }

  private void agingLoop() {
    int seen = 0;
    while (!shutdown) {
      seen = awaitRound(seen);
      if (shutdown) {
        return;
      }
      LongBinaryOperator pass = walk;
      long bytes = (long) pages * Pages.SIZE;
      long chunk = (long) chunkPages * Pages.SIZE;
      while (pass != null && !agingStop) {
        long t0 = System.nanoTime();
        for (long offset = 0; offset < bytes && !agingStop; offset += chunk) {
          pass.applyAsLong(HVA + offset, HVA + Math.min(bytes, offset + chunk));
        }
        if (!agingStop) {
          passNanos += System.nanoTime() - t0;
          passes++;
        }
      }
      agingIdle = true;
    }
  }

  /** Waits (spinning briefly, then parking) for the next round to start. */
  private int awaitRound(int seen) {
    int spins = 0;
    while (round == seen && !shutdown) {
      if (++spins < 1000) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(50_000);
      }
    }
    return round;
  }

  @TearDown(Level.Trial)
  public void stopThreads() throws InterruptedException {
    shutdown = true;
    for (Thread thread : threads) {
      thread.join(5_000);
    }
  }
}
