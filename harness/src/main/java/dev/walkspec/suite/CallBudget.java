package dev.walkspec.suite;

import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;

/**
 * The budget of one sequential handler call, kept at the runtime's yield points (every access to
 * shared state): a call that is still going after {@link #MAX_STEPS} of them retries or spins
 * without bound, and one that has allocated more than {@link #MAX_BYTES} on its thread allocates
 * without bound. Either ends the call with a failure instead of a hung or killed build. Wraps the
 * scheduler the call would otherwise run with (production, or {@link RacingHardware}).
 */
final class CallBudget implements Scheduler {
  /** Far above what a correct handler takes on the suites' states (a few thousand). */
  static final long MAX_STEPS = 1_000_000;

  /** Bytes one call may allocate on its thread (a correct one needs a few MiB). */
  static final long MAX_BYTES = 256L << 20;

  private final Scheduler inner;
  private volatile boolean armed;
  private long steps;
  private long bytesAtStart;
  private Thread thread;

  CallBudget(Scheduler inner) {
    this.inner = inner;
  }

  /** Starts counting for the calling thread (the one that runs the handler). */
  void arm() {
    steps = 0;
    thread = Thread.currentThread();
    bytesAtStart = ThreadAllocation.bytes(thread);
    armed = true;
  }

  void disarm() {
    armed = false;
  }

  @Override
  public void yieldPoint(Op op, Shared target, long index) {
    if (armed && Thread.currentThread() == thread) {
      if (++steps > MAX_STEPS) {
        armed = false;
        throw new RuleViolation(
            "H4",
            "the handler is still going after "
                + MAX_STEPS
                + " accesses to shared state (the last "
                + op
                + " "
                + target.sharedName()
                + "): it retries or spins without bound");
      }
      if ((steps & 0x3F) == 0 && ThreadAllocation.bytes(thread) - bytesAtStart > MAX_BYTES) {
        armed = false;
        throw new AssertionError(
            "walkspec: the handler allocated more than "
                + (MAX_BYTES >> 20)
                + " MiB in one call: it allocates without bound");
      }
    }
    inner.yieldPoint(op, target, index);
  }

  @Override
  public void block(Blocked blocked, int attempt) {
    if (armed && Thread.currentThread() == thread && ++steps > MAX_STEPS) {
      armed = false;
      throw new RuleViolation(
          "H4",
          "the handler is still waiting after " + MAX_STEPS + " attempts: " + blocked.describe());
    }
    inner.block(blocked, attempt);
  }

  @Override
  public boolean cooperative() {
    return inner.cooperative();
  }
}
