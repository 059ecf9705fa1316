package dev.walkspec.bench.lincheck;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.explore.Actors;
import dev.walkspec.runtime.explore.examples.Catalogue;
import dev.walkspec.runtime.explore.examples.ExampleHandlers;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import java.util.function.Consumer;

/**
 * The catalogue's {@code lost-zap-xchg} scenario as a plain concurrent program, for Lincheck: the
 * same world (Catalogue.SMALL_X86, one 512-page slot, gfn 0 mapped young), the same actor bodies
 * (clear_young with {@link ExampleHandlers#ageStaleExchange()}, the planted bug, racing {@link
 * Actors#zapper}) on two real threads in production mode, and the property the explorer's H12
 * monitor checks, stated on the final state: once the zapper has zapped gfn 0, nothing but a fault
 * may map it again, so after both threads end gfn 0 is unmapped.
 */
public final class LostZapRace {
  /**
   * Counts the runs of the body (Lincheck's invocations, and its replays of a failure) in a system
   * property: Lincheck restores the static state the body touched after every invocation, a counter
   * in a static field included, but not the JDK's own.
   */
  static final String RUNS = "walkspec.bench.lostZapRuns";

  private LostZapRace() {}

  /** One run: build the world, race the two actors, check that the zap held. */
  public static void run() {
    System.setProperty(RUNS, Long.toString(runs() + 1));
    World world = World.builder(Catalogue.SMALL_X86).vcpus(0).hugePages(false).build();
    world.createSlot(new MemSlot(0, 1, 0, 512, Catalogue.HVA, 0));
    world.withExclusiveLock(
        () -> world.mmu(0).currentRoot().map(0, 1, Catalogue.FRAME, true, true, false));
    Thread aging =
        actor(
            "aging",
            world,
            Actors.clearYoung(
                Catalogue.HVA, Catalogue.HVA + 4096, ExampleHandlers.ageStaleExchange(), true));
    Thread zapper = actor("zapper", world, Actors.zapper(0, 0, 1));
    aging.start();
    zapper.start();
    try {
      aging.join();
      zapper.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (world.mmu(0).currentRoot().firstMapped(0, 1) >= 0) {
      throw new AssertionError("lost zap: gfn 0 is mapped again after the zapper zapped it");
    }
  }

  /** Runs of the body so far. */
  public static long runs() {
    return Long.getLong(RUNS, 0L);
  }

  /** Starts counting from zero. */
  public static void resetRuns() {
    System.clearProperty(RUNS);
  }

  private static Thread actor(String name, World world, Consumer<World> body) {
    return new Thread(
        () -> {
          Actor.bind(name);
          body.accept(world);
        },
        name);
  }
}
