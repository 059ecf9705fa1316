package dev.walkspec.runtime.sched;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.locks.LockSupport;
import org.apiguardian.api.API;

/** Real concurrency: yield points cost nothing, waits spin briefly and then park. */
@API(status = INTERNAL)
public final class ProductionScheduler implements Scheduler {
  static final ProductionScheduler INSTANCE = new ProductionScheduler();

  private static final int SPINS = 64;
  private static final int YIELDS = 128;
  private static final long MAX_PARK_NANOS = 100_000;

  private ProductionScheduler() {}

  @Override
  public void yieldPoint(Op op, Shared target, long index) {
    // Deliberately empty: monomorphic at every call site, inlined and removed by the JIT.
  }

  @Override
  public void block(Blocked blocked, int attempt) {
    if (attempt < SPINS) {
      Thread.onSpinWait();
    } else if (attempt < YIELDS) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, 1_000L * (attempt - YIELDS + 1)));
    }
  }

  @Override
  public boolean cooperative() {
    return false;
  }
}
