package dev.walkspec.runtime.sync;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Actor;
import org.apiguardian.api.API;

/**
 * The "might sleep" check (H8): sleeping or yielding is a bug in a non-blockable context (a handler
 * called with may_block false, or a lockless one), inside an RCU read section, or while holding a
 * lock of the world (all of them spin, as in the kernel).
 */
@API(status = INTERNAL)
public final class SleepGuard {
  private final RcuDomain rcu;

  SleepGuard(RcuDomain rcu) {
    this.rcu = rcu;
  }

  public void mightSleep(String what) {
    Actor me = Actor.current();
    if (me.nonBlockable()) {
      throw violation(me, what, "is in a non-blockable context (may_block false, or lockless)");
    }
    if (rcu.inReadSection(me)) {
      throw violation(me, what, "is inside an RCU read section");
    }
    if (me.heldCount() > 0) {
      throw violation(me, what, "holds " + me.describeHeld() + ", a spinning lock");
    }
  }

  private static RuleViolation violation(Actor me, String what, String state) {
    return new RuleViolation("H8", what + " may sleep, but actor '" + me.name() + "' " + state);
  }
}
