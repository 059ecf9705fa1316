package dev.walkspec.runtime.memslot;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import dev.walkspec.runtime.sync.SrcuDomain;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.trace.WorldEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The current memslot set of each address space. Readers need an SRCU read section (W2). An update
 * builds a new immutable set, publishes it, waits for an SRCU grace period and only then retires
 * the old set, so a reader that started before the swap can finish on the old one.
 */
@API(status = INTERNAL)
public final class MemslotStore implements Shared {
  private final SrcuDomain srcu;
  private final Scheduler sched;
  private final WorldEventSink events;
  private final AtomicReferenceArray<SlotSet> current;
  private final ReentrantLock slotsLock = new ReentrantLock();

  public MemslotStore(int addressSpaces, SrcuDomain srcu, Scheduler sched, WorldEventSink events) {
    this.srcu = srcu;
    this.sched = sched;
    this.events = events;
    this.current = new AtomicReferenceArray<>(addressSpaces);
    for (int as = 0; as < addressSpaces; as++) {
      current.set(as, SlotSet.empty(as));
    }
  }

  @Override
  public String sharedName() {
    return "memslots";
  }

  public int addressSpaces() {
    return current.length();
  }

  /** The current set of {@code as}; the caller must be in an SRCU read section (W2). */
  public SlotSet read(int as) {
    checkAddressSpace(as);
    if (!srcu.inReadSection()) {
      srcu.assertInReadSection("W2", "reading the memslots of address space " + as);
    }
    sched.yieldPoint(Op.MEMSLOT_READ, this, as);
    return current.get(as);
  }

  /** The current set without the SRCU check, for diagnostics and tests only. */
  public SlotSet peek(int as) {
    checkAddressSpace(as);
    return current.get(as);
  }

  /**
   * Replaces the slots of {@code as} with {@code change} applied to them. {@code publish} receives
   * the action that makes the new set current and must run it (the world runs it under the MMU lock
   * once no invalidation is in progress). Returns the retired old set.
   *
   * @throws IllegalArgumentException if the new slots are not a valid set; nothing changes then
   */
  public SlotSet update(int as, UnaryOperator<List<MemSlot>> change, Consumer<Runnable> publish) {
    checkAddressSpace(as);
    lockSlots();
    try {
      SlotSet old = current.get(as);
      SlotSet next =
          SlotSet.of(as, old.generation() + 1, change.apply(new ArrayList<>(old.slots())));
      publish.accept(
          () -> {
            sched.yieldPoint(Op.MEMSLOT_PUBLISH, this, as);
            current.set(as, next);
          });
      if (current.get(as) != next) {
        throw new IllegalStateException("the publish step did not publish the new memslot set");
      }
      if (events.enabled()) {
        events.emit(new WorldEvent.MemslotSwap(as, next.generation()));
      }
      srcu.synchronize();
      old.retire();
      return old;
    } finally {
      slotsLock.unlock();
    }
  }

  private void lockSlots() {
    if (!sched.cooperative()) {
      slotsLock.lock();
      return;
    }
    int attempt = 0;
    while (!slotsLock.tryLock()) {
      sched.block(
          new Blocked(Op.LOCK_SPIN, this, List.<Actor>of(), () -> !slotsLock.isLocked()),
          attempt++);
    }
  }

  private void checkAddressSpace(int as) {
    if (as < 0 || as >= current.length()) {
      throw new IllegalArgumentException(
          "address space " + as + " does not exist (this VM has " + current.length() + ")");
    }
  }
}
