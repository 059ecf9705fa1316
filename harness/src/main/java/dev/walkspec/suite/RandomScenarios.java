package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.model.Name;
import dev.walkspec.semantics.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * Large random scenarios, beyond the small scope: up to 512 slots spread over the profile's address
 * spaces, with aliases (slots sharing host addresses), ranges that start and end anywhere (page
 * aligned or not), random flags and handler results. Fully determined by the seed.
 */
@API(status = INTERNAL)
public final class RandomScenarios {
  private static final long P = Scenario.PAGE_SIZE;

  private RandomScenarios() {}

  public static Scenario scenario(
      CheckedSpec spec,
      ResolvedProfile profile,
      Optional<Binding> binding,
      long seed,
      int slotCount) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Scenario.AddressSpace> spaces = layout(random, profile.addressSpaces(), slotCount);
    long span = 1L << 30;
    long start = 0x10000L + random.nextLong(span);
    long end =
        random.nextInt(8) == 0
            ? start - random.nextLong(1 + 4 * P)
            : start + 1 + random.nextLong(random.nextBoolean() ? 64 * P : span / 4);
    if (random.nextBoolean()) {
      start &= ~(P - 1);
    }
    List<Long> results = new ArrayList<>();
    for (int i = 0; i < 2 * slotCount + 4; i++) {
      results.add(random.nextInt(4) == 0 ? 1L : 0L);
    }
    Map<String, Boolean> flags = new HashMap<>();
    String id = "random/" + Long.toHexString(seed) + "/" + slotCount;
    if (binding.isPresent()) {
      binding.get().paramFlags().forEach(f -> flags.put(f, random.nextBoolean()));
      return new Scenario(
          id,
          profile.name(),
          Map.of(),
          Optional.of(binding.get().operation().id().text()),
          flags,
          true,
          false,
          start,
          end,
          spaces,
          results);
    }
    for (Name flag : spec.spec().walkers().get(0).flags()) {
      flags.put(flag.text(), random.nextBoolean());
    }
    return new Scenario(
        id,
        profile.name(),
        Map.of(),
        Optional.empty(),
        flags,
        random.nextInt(8) != 0,
        random.nextInt(4) == 0,
        start,
        end,
        spaces,
        results);
  }

  /** Slots with disjoint gfns; about one in four reuses (aliases) an earlier slot's hva. */
  static List<Scenario.AddressSpace> layout(
      SplittableRandom random, int addressSpaces, int slotCount) {
    List<List<Scenario.Slot>> slots = new ArrayList<>();
    for (int as = 0; as < addressSpaces; as++) {
      slots.add(new ArrayList<>());
    }
    long[] nextGfn = new long[addressSpaces];
    for (int i = 0; i < slotCount; i++) {
      int as = random.nextInt(addressSpaces);
      List<Scenario.Slot> list = slots.get(as);
      long npages = 1 + random.nextInt(random.nextInt(4) == 0 ? 4096 : 64);
      long hva =
          !list.isEmpty() && random.nextInt(4) == 0
              ? list.get(random.nextInt(list.size())).userspaceAddr()
              : 0x10000L + random.nextLong((1L << 30) / P) * P;
      long gfn = nextGfn[as] + random.nextInt(16);
      nextGfn[as] = gfn + npages;
      list.add(new Scenario.Slot(i, gfn, npages, hva));
    }
    return slots.stream().map(Scenario.AddressSpace::new).toList();
  }
}
