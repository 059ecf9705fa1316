package dev.walkspec.runtime.explore.examples;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.LockKind;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.X86EntryCodec;
import dev.walkspec.runtime.explore.Actors;
import dev.walkspec.runtime.explore.Scenario;
import dev.walkspec.runtime.world.World;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * EXAMPLES: the scenarios {@code walkspec explore} and {@code walkspec replay} know by name, each
 * with a planted bug or its correct counterpart, built from {@link ExampleHandlers}. Worlds are
 * small on purpose (two-level x86-style tables, one address space, one 512-page slot) so that
 * counterexamples are short.
 */
@API(status = INTERNAL)
public final class Catalogue {
  /**
   * x86 entries and lock, one address space, two table levels and 4 KiB mappings only: the smallest
   * world in which the races of the catalogue happen.
   */
  public static final ArchProfile SMALL_X86 =
      new ArchProfile("x86-small", LockKind.RWLOCK, LockMode.READ, 1, X86EntryCodec.INSTANCE, 2, 1);

  /** Host address of the catalogue's slot (slot 1: gfns [0, 512)). */
  public static final long HVA = 0x1000_0000L;

  /** Host frame the catalogue maps gfn 0 to. */
  public static final long FRAME = HVA >>> 12;

  private static final Map<String, Supplier<Scenario>> SCENARIOS = new LinkedHashMap<>();

  static {
    SCENARIOS.put("lost-zap", Catalogue::lostZap);
    SCENARIOS.put("lost-zap-xchg", Catalogue::lostZapExchange);
    SCENARIOS.put("age-vs-zap", Catalogue::ageVsZap);
    SCENARIOS.put("lost-write-protect", Catalogue::lostWriteProtect);
    SCENARIOS.put("write-protect-vs-aging", Catalogue::writeProtectVsAging);
  }

  private Catalogue() {}

  /** The names, in catalogue order. */
  public static List<String> names() {
    return List.copyOf(SCENARIOS.keySet());
  }

  /**
   * The scenario called {@code name}.
   *
   * @throws IllegalArgumentException naming the known scenarios
   */
  public static Scenario scenario(String name) {
    Supplier<Scenario> scenario = SCENARIOS.get(name);
    if (scenario == null) {
      throw new IllegalArgumentException(
          "no scenario '"
              + name
              + "' in the catalogue (known: "
              + String.join(", ", names())
              + ")");
    }
    return scenario.get();
  }

  /** A world with the slot and gfn 0 mapped young and writable. */
  static Scenario.Builder small(String name, String description) {
    return Scenario.builder(name)
        .description(description)
        .source("Catalogue.scenario(\"" + name + "\")")
        .world(SMALL_X86, b -> b.vcpus(0).hugePages(false))
        .setup(Catalogue::mapGfnZero);
  }

  static void mapGfnZero(World world) {
    world.createSlot(new MemSlot(0, 1, 0, 512, HVA, 0));
    world.withExclusiveLock(() -> world.mmu(0).currentRoot().map(0, 1, FRAME, true, true, false));
  }

  private static Scenario lostZap() {
    return small(
            "lost-zap",
            "PLANTED BUG: lockless clear_young ages gfn 0 with a plain load and store while a"
                + " zapper holding the MMU lock zaps it")
        .actor("aging", Actors.clearYoung(HVA, HVA + 4096, ExampleHandlers.agePlainStore(), true))
        .actor("zapper", Actors.zapper(0, 0, 1))
        .build();
  }

  private static Scenario lostZapExchange() {
    return small(
            "lost-zap-xchg",
            "PLANTED BUG: lockless clear_young writes back the value its walk read (minus"
                + " Accessed) with an exchange while a zapper zaps gfn 0")
        .actor(
            "aging", Actors.clearYoung(HVA, HVA + 4096, ExampleHandlers.ageStaleExchange(), true))
        .actor("zapper", Actors.zapper(0, 0, 1))
        .build();
  }

  private static Scenario ageVsZap() {
    return small(
            "age-vs-zap",
            "correct: lockless clear_young ages gfn 0 with an atomic fetch-and while a zapper"
                + " zaps it")
        .actor("aging", Actors.clearYoung(HVA, HVA + 4096, ExampleHandlers.ageAtomic(), true))
        .actor("zapper", Actors.zapper(0, 0, 1))
        .build();
  }

  private static Scenario lostWriteProtect() {
    return small(
            "lost-write-protect",
            "PLANTED BUG: a writer holding the MMU lock write-protects gfn 0 with a plain store"
                + " while lockless aging marks it for access tracking (A/D disabled)")
        .actor("wrprot", Actors.writeProtect(0, 0, 1, ExampleHandlers.writeProtectPlainStore()))
        .actor(
            "aging", Actors.clearYoung(HVA, HVA + 4096, ExampleHandlers.ageAccessTracking(), true))
        .build();
  }

  private static Scenario writeProtectVsAging() {
    return small(
            "write-protect-vs-aging",
            "correct: a writer holding the MMU lock write-protects gfn 0 with an atomic"
                + " fetch-and while lockless aging marks it for access tracking")
        .actor("wrprot", Actors.writeProtect(0, 0, 1, ExampleHandlers.writeProtectAtomic()))
        .actor(
            "aging", Actors.clearYoung(HVA, HVA + 4096, ExampleHandlers.ageAccessTracking(), true))
        .build();
  }
}
