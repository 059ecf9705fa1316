package dev.walkspec.runtime.vcpu;

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

/** The parts of the world a vCPU uses. */
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
