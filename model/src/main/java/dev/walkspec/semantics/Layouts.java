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
      if (slot.id() < 0 || !ids.add(slot.id())) {
        throw new ScenarioException(where(as, slot) + ": slot ids must be distinct and >= 0");
      }
      if (slot.npages() < 1) {
        throw new ScenarioException(
            where(as, slot) + ": npages must be at least 1, got " + slot.npages());
      }
      if (slot.baseGfn() < 0 || slot.userspaceAddr() < 0) {
        throw new ScenarioException(where(as, slot) + ": base_gfn and userspace_addr must be >= 0");
      }
      if (slot.userspaceAddr() % Scenario.PAGE_SIZE != 0) {
        throw new ScenarioException(
            where(as, slot)
                + ": userspace_addr "
                + slot.userspaceAddr()
                + " is not page aligned (4096)");
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

  private static String where(int as, Scenario.Slot slot) {
    return "address_spaces[" + as + "].slots (id " + slot.id() + ")";
  }

  /** W4: the slots whose hva range meets the inclusive range [low, high], in tree order. */
  public static List<Scenario.Slot> overlapping(Scenario.AddressSpace space, long low, long high) {
    return space.slots().stream()
        .filter(s -> s.userspaceAddr() <= high && s.hvaEnd() - 1 >= low)
        .sorted(TREE_ORDER)
        .toList();
  }

  /**
   * The memory-attribute walk's order: the slots whose gfns meet the inclusive range [low, high],
   * by base gfn (slots of one address space never overlap in gfn space). An empty range (low above
   * high) meets none: the kernel may visit a slot there but skips its empty clamp before the lock.
   */
  public static List<Scenario.Slot> overlappingGfn(
      Scenario.AddressSpace space, long low, long high) {
    return space.slots().stream()
        .filter(s -> low <= high && s.baseGfn() <= high && s.baseGfn() + s.npages() - 1 >= low)
        .sorted(Comparator.comparingLong(Scenario.Slot::baseGfn))
        .toList();
  }

  /**
   * G1: the bindings whose page offsets meet the inclusive range [low, high], in page-offset order
   * (the order the file's xarray yields them).
   */
  public static List<Scenario.GmemBinding> bindingsOverlapping(
      Scenario scenario, long low, long high) {
    return scenario.gmem().stream()
        .filter(
            b -> {
              long npages = scenario.slot(b.slot()).orElseThrow().getValue().npages();
              // an empty range (end <= start) meets nothing: xa_for_each_range finds no entry
              return low <= high && b.pgoff() <= high && b.pgoff() + npages - 1 >= low;
            })
        .sorted(Comparator.comparingLong(Scenario.GmemBinding::pgoff))
        .toList();
  }

  /**
   * Bindings as KVM accepts them (kvm_gmem_bind): each names a slot of the layout, once, at a page
   * offset >= 0, and no two share a page of the file.
   */
  public static void validateGmem(Scenario scenario) {
    Set<Integer> bound = new HashSet<>();
    List<Scenario.GmemBinding> bindings = scenario.gmem();
    for (int i = 0; i < bindings.size(); i++) {
      Scenario.GmemBinding b = bindings.get(i);
      String where = "gmem[" + i + "] (slot " + b.slot() + ")";
      if (scenario.slot(b.slot()).isEmpty()) {
        throw new ScenarioException(where + ": the layout has no slot with this id");
      }
      if (b.pgoff() < 0) {
        throw new ScenarioException(where + ": pgoff must be >= 0, got " + b.pgoff());
      }
      if (!bound.add(b.slot())) {
        throw new ScenarioException(where + ": the slot is bound twice");
      }
    }
    for (int i = 0; i < bindings.size(); i++) {
      for (int j = i + 1; j < bindings.size(); j++) {
        Scenario.GmemBinding a = bindings.get(i);
        Scenario.GmemBinding b = bindings.get(j);
        long aEnd = a.pgoff() + scenario.slot(a.slot()).get().getValue().npages();
        long bEnd = b.pgoff() + scenario.slot(b.slot()).get().getValue().npages();
        if (a.pgoff() < bEnd && b.pgoff() < aEnd) {
          throw new ScenarioException(
              "gmem: the bindings of slots "
                  + a.slot()
                  + " and "
                  + b.slot()
                  + " share page offsets of the file");
        }
      }
    }
  }
}
