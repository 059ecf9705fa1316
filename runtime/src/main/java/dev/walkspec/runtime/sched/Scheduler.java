package dev.walkspec.runtime.sched;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The one scheduling hook. Every runtime call that touches shared state first calls {@link
 * #yieldPoint} saying what it is about to do, and every wait goes through {@link #block}.
 *
 * <p>In production ({@link ProductionScheduler}) the yield point is an empty method the JIT removes
 * and the primitives block for real. In exploration mode ({@link #cooperative()} true) actors are
 * threads of which exactly one runs between yield points; the scheduler picks which, and primitives
 * never block a thread: they call {@link #block} instead.
 */
@API(status = INTERNAL)
public interface Scheduler {
  /**
   * The calling actor is about to do {@code op} on {@code target} (entry {@code index}, or -1 when
   * the step concerns the whole object). An exploring scheduler may run other actors first.
   */
  void yieldPoint(Op op, Shared target, long index);

  /**
   * The calling actor cannot proceed. Returns when it may retry (the caller re-checks and may call
   * again, with {@code attempt} counting the calls). An exploring scheduler runs other actors
   * meanwhile and detects deadlock when every live actor is blocked.
   */
  void block(Blocked blocked, int attempt);

  /** Whether primitives must report waits through {@link #block} instead of blocking threads. */
  boolean cooperative();

  /** The production scheduler. */
  static Scheduler production() {
    return ProductionScheduler.INSTANCE;
  }
}
