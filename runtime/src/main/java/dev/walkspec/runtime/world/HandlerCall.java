package dev.walkspec.runtime.world;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Actor;

/**
 * The checks around one handler call: the walk's promises before (W2, W4, W7, H1), the
 * non-blockable context during (H8), and the handler's promises after (H1, H2).
 */
final class HandlerCall {
  private final World world;
  private final Actor actor;
  private final GfnRange range;
  private final LockMode lockBefore;
  private final int locksBefore;
  private final int rcuBefore;
  private final int srcuBefore;
  private final boolean nonBlockable;
  private final boolean slotsBySrcu;

  private HandlerCall(World world, Actor actor, GfnRange range, boolean slotsBySrcu) {
    this.slotsBySrcu = slotsBySrcu;
    this.world = world;
    this.actor = actor;
    this.range = range;
    this.lockBefore = world.mmuLock().heldMode();
    this.locksBefore = actor.heldCount();
    this.rcuBefore = world.rcu().nesting();
    this.srcuBefore = world.srcu().nesting();
    this.nonBlockable = !range.mayBlock() || range.lockless();
  }

  /** A call from a memslot walk, whose SRCU read section keeps its slots alive (W2). */
  static HandlerCall enter(World world, GfnRange range) {
    return enter(world, range, true);
  }

  /**
   * A call from a walk that keeps its slots alive by other means when {@code slotsBySrcu} is false:
   * the guest_memfd invalidation walks the file's bindings, and a slot is unbound (before it can be
   * deleted) only under the file's invalidate lock, which the invalidation holds throughout.
   */
  static HandlerCall enter(World world, GfnRange range, boolean slotsBySrcu) {
    HandlerCall call = new HandlerCall(world, world.currentActor(), range, slotsBySrcu);
    call.checkPreconditions();
    if (call.nonBlockable) {
      call.actor.enterNonBlockable();
    }
    if (range.lockless()) {
      call.actor.enterLocklessHandler();
    }
    return call;
  }

  void leaveContext() {
    if (nonBlockable) {
      actor.exitNonBlockable();
    }
    if (range.lockless()) {
      actor.exitLocklessHandler();
    }
  }

  private void checkPreconditions() {
    if (range.lockless() && lockBefore != null) {
      throw fail(
          "H1",
          "a lockless handler runs without the MMU lock, but actor '"
              + actor.name()
              + "' holds it ("
              + lockBefore.render()
              + ")");
    }
    if (!range.lockless() && lockBefore == null) {
      throw fail(
          "W7",
          "a locked walk calls its handler with the MMU lock held, but actor '"
              + actor.name()
              + "' holds nothing");
    }
    if (slotsBySrcu && srcuBefore == 0) {
      throw fail("W2", "handlers run inside the walk's SRCU read section, but there is none");
    }
    MemSlot slot = range.slot();
    // A check, not modelled code: read the current set without a yield point (W2 is checked above).
    MemSlot live = world.memslotStore().peek(slot.addressSpace()).byId(slot.id());
    if (!slot.equals(live)) {
      throw fail("W4", "the handler's slot " + slot + " is not in the current memslot set");
    }
  }

  void checkBalanced() {
    LockMode lockAfter = world.mmuLock().heldMode();
    if (lockAfter != lockBefore) {
      throw fail(
          "H1",
          "the handler changed the MMU lock state from "
              + describe(lockBefore)
              + " to "
              + describe(lockAfter));
    }
    if (actor.heldCount() != locksBefore) {
      throw fail(
          "H2",
          "the handler returned holding "
              + actor.describeHeld()
              + " ("
              + locksBefore
              + " lock(s) were held when it was called)");
    }
    int rcuAfter = world.rcu().nesting();
    if (rcuAfter != rcuBefore) {
      throw fail(
          "H2",
          "the handler returned with RCU read-section depth "
              + rcuAfter
              + ", it was called with "
              + rcuBefore);
    }
    int srcuAfter = world.srcu().nesting();
    if (srcuAfter != srcuBefore) {
      throw fail(
          "H2",
          "the handler returned with SRCU read-section depth "
              + srcuAfter
              + ", it was called with "
              + srcuBefore);
    }
  }

  private static String describe(LockMode mode) {
    return mode == null ? "not held" : "held (" + mode.render() + ")";
  }

  private RuleViolation fail(String rule, String detail) {
    return new RuleViolation(
        rule,
        detail
            + " [handler call on as "
            + range.slot().addressSpace()
            + " slot "
            + range.slot().id()
            + " gfn ["
            + range.start()
            + ","
            + range.end()
            + ")]");
  }
}
