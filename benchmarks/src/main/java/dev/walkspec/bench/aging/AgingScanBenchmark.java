package dev.walkspec.bench.aging;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.world.World;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 4: one aging pass over {@code entries} young 4 KiB leaf entries by the x86 TDP age
 * handler (one thread: per core), against the practical limit, a plain sequential scan of a {@code
 * long[]} of the same number of entries doing the same logical work (clear Accessed where set), and
 * between the two the same scan clearing Accessed with an atomic fetch-and (what a lockless handler
 * must do, H4), which separates the cost of the atomic from the cost of the table walk. Before
 * every invocation every entry is made young again, outside the timing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AgingScanBenchmark {
  static final long HVA = 0x1_0000_0000L;

  private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

  /** Leaf entries (1048576: 4 GiB of guest memory in 4 KiB pages, 8 MiB of entries). */
  @Param({"1048576"})
  public int entries;

  private World world;
  private EntryCodec codec;
  private GfnRange range;
  private final TdpAgeHandler handler = new TdpAgeHandler();
  private long[] array;
  private long[] atomicArray;
  private long accessed;

  @Setup(Level.Trial)
  public void setUp() {
    world = World.builder(ArchProfile.X86).vcpus(0).hugePages(false).build();
    MemSlot slot = world.createSlot(new MemSlot(0, 1, 0, entries, HVA, 0));
    codec = world.codec();
    accessed = codec.accessedMask();
    world.withExclusiveLock(
        () -> {
          var root = world.mmu(0).currentRoot();
          for (long gfn = 0; gfn < entries; gfn++) {
            root.map(gfn, 1, (HVA >>> 12) + gfn, true, true, false);
          }
        });
    range = new GfnRange(slot, 0, entries, 0, AttrFilter.SHARED, false, true);
    array = new long[entries];
    for (int i = 0; i < entries; i++) {
      array[i] = codec.leaf((HVA >>> 12) + i, 1, true, true, false);
    }
    atomicArray = array.clone();
  }

  @Setup(Level.Invocation)
  public void makeYoung() {
    world.rcu().readLock();
    try {
      for (Root root : world.mmu(0).rcuValidRoots()) {
        EntryCursor leaf = root.walk(0, entries);
        while (leaf.next()) {
          leaf.fetchOr(accessed);
        }
      }
    } finally {
      world.rcu().readUnlock();
    }
    for (int i = 0; i < array.length; i++) {
      array[i] |= accessed;
      atomicArray[i] |= accessed;
    }
  }

  @Benchmark
  public boolean tdpAgeHandler() {
    return handler.handle(world, range);
  }

  @Benchmark
  public boolean longArrayScan() {
    long[] a = array;
    long mask = accessed;
    boolean young = false;
    for (int i = 0; i < a.length; i++) {
      long v = a[i];
      if ((v & mask) != 0) {
        a[i] = v & ~mask;
        young = true;
      }
    }
    return young;
  }

  @Benchmark
  public boolean longArrayAtomicScan() {
    long[] a = atomicArray;
    long mask = accessed;
    boolean young = false;
    for (int i = 0; i < a.length; i++) {
      long v = (long) ELEMENT.getAcquire(a, i);
      if ((v & mask) != 0) {
        ELEMENT.getAndBitwiseAnd(a, i, ~mask);
        young = true;
      }
    }
    return young;
  }
}
