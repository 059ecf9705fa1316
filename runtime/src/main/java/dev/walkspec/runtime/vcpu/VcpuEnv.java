package dev.walkspec.runtime.vcpu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.memslot.MemslotStore;
import dev.walkspec.runtime.mmu.AddressSpaceMmu;
import dev.walkspec.runtime.mmu.InvalidationState;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sync.MmuLockImpl;
import dev.walkspec.runtime.sync.RcuDomain;
import dev.walkspec.runtime.sync.SrcuDomain;
import dev.walkspec.runtime.trace.WorldEventSink;
import java.util.List;
import org.apiguardian.api.API;

/** The parts of the world a vCPU uses. */
@API(status = INTERNAL)
public record VcpuEnv(
    MemslotStore memslots,
    SrcuDomain srcu,
    RcuDomain rcu,
    MmuLockImpl lock,
    InvalidationState invalidation,
    List<AddressSpaceMmu> mmus,
    EntryCodec codec,
    LockMode faultLockMode,
    int faultMaxLevel,
    int levels,
    Scheduler sched,
    WorldEventSink events) {
  public VcpuEnv {
    mmus = List.copyOf(mmus);
  }
}
