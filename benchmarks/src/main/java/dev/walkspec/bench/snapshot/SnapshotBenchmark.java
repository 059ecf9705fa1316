package dev.walkspec.bench.snapshot;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import dev.walkspec.suite.PageTableSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * One snapshot of a handler check's page tables ({@link PageTableSnapshot#of}, taken before and
 * after every one-call property's handler call, shrinking included): {@code LEAVES} is the current
 * one ({@link RadixRoot#forEachLeaf}: depth-first, plain reads; leaves keyed by a record), {@code
 * WALK} the version before, reproduced here: a handler's cursor ({@link RadixRoot#walk}) from gfn 0
 * to the profile's limit, one yield point and liveness check per entry and a read-context check per
 * descent, leaves keyed by their text.
 *
 * <p>The tables hold what the generated states hold: {@code pages} young 4K pages in a run across a
 * 1 GiB boundary (the long-run states have 530 to 700, the general ones up to 48 mappings) and two
 * 2 MiB leaves, in one x86 TDP root; the benchmark thread holds the MMU lock for write throughout,
 * as the check does while it snapshots.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SnapshotBenchmark {
  private static final long GIGA = Pages.pagesAt(3);

  /** Which enumeration takes the snapshot. */
  public enum Enumeration {
    WALK,
    LEAVES
  }

  @Param({"48", "700"})
  public int pages;

  @Param({"WALK", "LEAVES"})
  public Enumeration enumeration;

  private World world;

  @Setup(Level.Trial)
  public void setUp() {
    Actor.bind("snapshot");
    world = World.builder(ArchProfile.X86).vcpus(0).build();
    RadixRoot root = world.mmu(0).currentRoot();
    world.mmuLock().lockWrite();
    long first = GIGA - pages / 2;
    for (long gfn = first; gfn < first + pages; gfn++) {
      root.map(gfn, 1, 0x1000 + gfn, true, true, true);
    }
    root.map(GIGA - 4 * Pages.pagesAt(2), 2, 0x200, true, false, false);
    root.map(GIGA + 4 * Pages.pagesAt(2), 2, 0x400, true, true, false);
    int leaves = PageTableSnapshot.of(world).leaves().size();
    if (leaves != pages + 2 || walk(world).size() != leaves) {
      throw new IllegalStateException("the two enumerations disagree on " + pages + " pages");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    world.mmuLock().unlockWrite();
  }

  @Benchmark
  public Object snapshot() {
    return enumeration == Enumeration.LEAVES ? PageTableSnapshot.of(world) : walk(world);
  }

  /**
   * The snapshot's leaves as they were taken before {@link RadixRoot#forEachLeaf} and {@link
   * PageTableSnapshot.Key}: by the walk, keyed by their text.
   */
  static Map<String, PageTableSnapshot.Leaf> walk(World world) {
    Map<String, PageTableSnapshot.Leaf> leaves = new LinkedHashMap<>();
    for (int as = 0; as < world.addressSpaces(); as++) {
      for (RadixRoot root : world.mmu(as).allRoots()) {
        EntryCursor cursor = root.walk(0, world.profile().gfnLimit());
        while (cursor.next()) {
          PageTableSnapshot.Leaf leaf =
              new PageTableSnapshot.Leaf(
                  as,
                  root.id(),
                  root.shadow(),
                  root.valid(),
                  cursor.gfn(),
                  cursor.level(),
                  Pages.pagesAt(cursor.level()),
                  cursor.load(),
                  root.nested());
          String rootKey = (root.shadow() ? "s" : "") + root.id();
          leaves.put(as + "/" + rootKey + "/" + cursor.gfn() + "/" + cursor.level(), leaf);
        }
      }
    }
    return leaves;
  }
}
