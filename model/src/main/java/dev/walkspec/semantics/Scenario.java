package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One run of a walk, fully determined: the arch profile (and Kconfig overrides), either an
 * operation or explicit inputs, the hva range, the memslots of each address space, and what the
 * successive handler calls return. See docs/scenarios.md for the JSON form.
 *
 * @param operation an operation id or label (C4, clear_young); empty for explicit inputs
 * @param flags flag values: all flags for explicit inputs, or only the operation's {@code param}
 *     flags (e.g. may_block of C1) when an operation is given
 * @param handler for explicit inputs: whether the handler is present (non-null)
 * @param onLock for explicit inputs: whether the on_lock callback is present
 * @param handlerResults results of the successive handler calls; later calls return 0/false
 * @param gmem the bindings of the VM's guest_memfd file (for the guest_memfd walk, G1): which slot
 *     each page-offset range backs; empty for the other walks
 */
@API(status = INTERNAL)
public record Scenario(
    String id,
    String arch,
    Map<String, Boolean> config,
    Optional<String> operation,
    Map<String, Boolean> flags,
    boolean handler,
    boolean onLock,
    long start,
    long end,
    List<AddressSpace> addressSpaces,
    List<Long> handlerResults,
    List<GmemBinding> gmem) {

  public static final long PAGE_SIZE = 4096;

  public Scenario {
    config = Map.copyOf(config);
    flags = Map.copyOf(flags);
    addressSpaces = List.copyOf(addressSpaces);
    handlerResults = List.copyOf(handlerResults);
    gmem = List.copyOf(gmem);
  }

  /** A scenario without guest_memfd bindings. */
  public Scenario(
      String id,
      String arch,
      Map<String, Boolean> config,
      Optional<String> operation,
      Map<String, Boolean> flags,
      boolean handler,
      boolean onLock,
      long start,
      long end,
      List<AddressSpace> addressSpaces,
      List<Long> handlerResults) {
    this(
        id,
        arch,
        config,
        operation,
        flags,
        handler,
        onLock,
        start,
        end,
        addressSpaces,
        handlerResults,
        List.of());
  }

  /**
   * The memslot {@code slot} is backed by the guest_memfd file from page offset {@code pgoff} on:
   * its page {@code gfn} is the file's page {@code pgoff + gfn - base_gfn}.
   */
  public record GmemBinding(int slot, long pgoff) {}

  /** The memslots of one address space. */
  public record AddressSpace(List<Slot> slots) {
    public AddressSpace {
      slots = List.copyOf(slots);
    }
  }

  /** A memslot: {@code npages} guest frames from {@code baseGfn}, at host {@code userspaceAddr}. */
  public record Slot(int id, long baseGfn, long npages, long userspaceAddr) {
    public long hvaEnd() {
      return userspaceAddr + npages * PAGE_SIZE;
    }
  }

  public Scenario withId(String newId) {
    return new Scenario(
        newId,
        arch,
        config,
        operation,
        flags,
        handler,
        onLock,
        start,
        end,
        addressSpaces,
        handlerResults,
        gmem);
  }

  public Scenario withResults(List<Long> results) {
    return new Scenario(
        id,
        arch,
        config,
        operation,
        flags,
        handler,
        onLock,
        start,
        end,
        addressSpaces,
        results,
        gmem);
  }

  public Scenario withGmem(List<GmemBinding> bindings) {
    return new Scenario(
        id,
        arch,
        config,
        operation,
        flags,
        handler,
        onLock,
        start,
        end,
        addressSpaces,
        handlerResults,
        bindings);
  }

  /** The slot with this id and its address space, if the layout has it. */
  public Optional<Map.Entry<Integer, Slot>> slot(int slotId) {
    for (int as = 0; as < addressSpaces.size(); as++) {
      for (Slot slot : addressSpaces.get(as).slots()) {
        if (slot.id() == slotId) {
          return Optional.of(Map.entry(as, slot));
        }
      }
    }
    return Optional.empty();
  }

  /** How many slots the layout has, over all address spaces. */
  public int slotCount() {
    return addressSpaces.stream().mapToInt(a -> a.slots().size()).sum();
  }
}
