package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/** Memslot layouts: validation, and the order in which the walk visits slots (W4). */
@API(status = INTERNAL)
public final class Layouts {
  /** W4: the interval tree yields slots by host address; equal starts by slot id. */
  public static final Comparator<Scenario.Slot> TREE_ORDER =
      Comparator.comparingLong(Scenario.Slot::userspaceAddr).thenComparingInt(Scenario.Slot::id);

  private Layouts() {}

  /** Slots as KVM accepts them: non-empty, page aligned, disjoint in gfn space, unique ids. */
  public static void validate(int as, Scenario.AddressSpace space) {
    Set<Integer> ids = new HashSet<>();
    List<Scenario.Slot> slots = space.slots();
    for (Scenario.Slot slot : slots) {
      String where = "address_spaces[" + as + "].slots (id " + slot.id() + ")";
      if (slot.id() < 0 || !ids.add(slot.id())) {
        throw new ScenarioException(where + ": slot ids must be distinct and >= 0");
      }
      if (slot.npages() < 1) {
        throw new ScenarioException(where + ": npages must be at least 1, got " + slot.npages());
      }
      if (slot.baseGfn() < 0 || slot.userspaceAddr() < 0) {
        throw new ScenarioException(where + ": base_gfn and userspace_addr must be >= 0");
      }
      if (slot.userspaceAddr() % Scenario.PAGE_SIZE != 0) {
        throw new ScenarioException(
            where + ": userspace_addr " + slot.userspaceAddr() + " is not page aligned (4096)");
      }
    }
    for (int i = 0; i < slots.size(); i++) {
      for (int j = i + 1; j < slots.size(); j++) {
        Scenario.Slot a = slots.get(i);
        Scenario.Slot b = slots.get(j);
        if (a.baseGfn() < b.baseGfn() + b.npages() && b.baseGfn() < a.baseGfn() + a.npages()) {
          throw new ScenarioException(
              "address_spaces["
                  + as
                  + "]: slots "
                  + a.id()
                  + " and "
                  + b.id()
                  + " overlap in gfn space");
        }
      }
    }
  }

  /** W4: the slots whose hva range meets the inclusive range [low, high], in tree order. */
  public static List<Scenario.Slot> overlapping(Scenario.AddressSpace space, long low, long high) {
    return space.slots().stream()
        .filter(s -> s.userspaceAddr() <= high && s.hvaEnd() - 1 >= low)
        .sorted(TREE_ORDER)
        .toList();
  }
}
