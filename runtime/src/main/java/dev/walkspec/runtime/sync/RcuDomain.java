package dev.walkspec.runtime.sync;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.Rcu;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.trace.WorldEventSink;
import org.apiguardian.api.API;

/** RCU: keeps unlinked table pages alive for lockless readers until a grace period (H3). */
@API(status = INTERNAL)
public final class RcuDomain extends GraceDomain implements Rcu {
  private final SleepGuard guard = new SleepGuard(this);

  public RcuDomain(Scheduler sched, WorldEventSink events) {
    super("rcu", sched, events, Op.RCU_ENTER, Op.RCU_EXIT, Op.RCU_SYNCHRONIZE);
  }

  @Override
  public SleepGuard guard() {
    return guard;
  }

  @Override
  public void readLock() {
    enter();
  }

  @Override
  public void readUnlock() {
    exit(checkedExitRecord());
  }
}
