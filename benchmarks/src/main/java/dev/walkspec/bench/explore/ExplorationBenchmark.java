package dev.walkspec.bench.explore;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.explore.Actors;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.explore.Scenario;
import dev.walkspec.runtime.explore.Strategy;
import dev.walkspec.runtime.explore.examples.Catalogue;
import dev.walkspec.runtime.explore.examples.ExampleHandlers;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.world.World;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One whole exploration, every schedule with up to two preemptions, of a correct scenario: the
 * explorer's cost per verdict, which its partial-order reduction decides. Compare two versions of
 * the explorer by putting the older explorer jar ahead of this one on the class path (the API used
 * here is the same in both), as docs/benchmarks.md does for the change from sleep sets to DPOR.
 *
 * <ul>
 *   <li>{@code age-vs-zap}: the catalogue's lockless aging of one page against a zapper (two
 *       actors).
 *   <li>{@code age-vs-zap-vs-vcpu}: the same with a vCPU writing the page (three actors, the shape
 *       of the suites' aging-vs-zap).
 *   <li>{@code age-vs-zap-4-pages}: aging four pages against a zapper of one and a vCPU writing
 *       another (three actors, longer runs).
 *   <li>{@code unmap-vs-root-free}: an invalidation (start and end, may_block) of 16 pages mapped
 *       in the current root and in an invalid one while the invalid root is freed (every entry of
 *       it zapped, then its pages freed): the shape of the suites' longest explorations, where many
 *       steps touch one object (the freer's loads and stores of a table page, the MMU lock).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExplorationBenchmark {
  @Param({"age-vs-zap", "age-vs-zap-vs-vcpu", "age-vs-zap-4-pages", "unmap-vs-root-free"})
  public String scenario;

  private Scenario built;

  @Setup
  public void setUp() {
    built =
        switch (scenario) {
          case "age-vs-zap" -> Catalogue.scenario("age-vs-zap");
          case "age-vs-zap-vs-vcpu" -> threeActors(1, 0, 0);
          case "age-vs-zap-4-pages" -> threeActors(4, 1, 3);
          case "unmap-vs-root-free" -> rootFree(16);
          default -> throw new IllegalArgumentException("no scenario " + scenario);
        };
  }

  @Benchmark
  public long exploreToTheBound() {
    ExplorationResult result = Explorer.explore(built, Strategy.dfs(2));
    if (!result.exhausted() || result.failed()) {
      throw new IllegalStateException("not a whole passing exploration: " + result.summary());
    }
    return result.schedules();
  }

  /**
   * Aging {@code pages} pages locklessly, a zapper of {@code zapped}, a vCPU writing {@code
   * written}.
   */
  private static Scenario threeActors(int pages, long zapped, long written) {
    long hva = Catalogue.HVA;
    return Scenario.builder(scenario(pages))
        .description("lockless aging, a zapper and a writing vCPU")
        .world(Catalogue.SMALL_X86, b -> b.vcpus(1).hugePages(false))
        .setup(world -> map(world, pages))
        .actor(
            "aging", Actors.clearYoung(hva, hva + pages * 4096L, ExampleHandlers.ageAtomic(), true))
        .actor("zapper", Actors.zapper(0, zapped, zapped + 1))
        .actor("vcpu", Actors.vcpuAccess(0, 0, written, true))
        .build();
  }

  /** Invalidating {@code pages} pages while an invalid root mapping them is freed. */
  private static Scenario rootFree(int pages) {
    long hva = Catalogue.HVA;
    return Scenario.builder("unmap-vs-root-free")
        .description("an invalidation while an invalid root is freed")
        .world(Catalogue.SMALL_X86, b -> b.vcpus(1).hugePages(false))
        .setup(
            world -> {
              map(world, pages);
              invalidRoot(world, pages);
            })
        .actor(
            "notifier",
            Actors.invalidation(hva, hva + pages * 4096L, ExampleHandlers.unmap(), true))
        .actor("teardown", Actors.invalidRootFreer(0))
        .build();
  }

  private static void invalidRoot(World world, int pages) {
    world.withExclusiveLock(
        () -> {
          RadixRoot old = world.mmu(0).newRoot();
          for (int gfn = 0; gfn < pages; gfn++) {
            old.map(gfn, 1, Catalogue.FRAME + pages + gfn, true, true, false);
          }
          world.mmu(0).invalidate(old);
        });
  }

  private static String scenario(int pages) {
    return pages == 1 ? "age-vs-zap-vs-vcpu" : "age-vs-zap-" + pages + "-pages";
  }

  private static void map(World world, int pages) {
    world.createSlot(new MemSlot(0, 1, 0, 512, Catalogue.HVA, 0));
    world.withExclusiveLock(
        () -> {
          for (int gfn = 0; gfn < pages; gfn++) {
            world.mmu(0).currentRoot().map(gfn, 1, Catalogue.FRAME + gfn, true, true, false);
          }
        });
  }
}
