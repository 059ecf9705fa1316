package dev.walkspec.runtime.vcpu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.mmu.AddressSpaceMmu;
import dev.walkspec.runtime.mmu.InvalidationState;
import dev.walkspec.runtime.mmu.LeafProbe;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.trace.WorldEvent;
import org.apiguardian.api.API;

/**
 * A virtual CPU: its TLB, the fault path (with the retry protocol, H13) and "hardware" accesses
 * that walk the tables, set Accessed/Dirty atomically and fill the TLB. Whichever thread calls
 * these methods acts as the vCPU.
 */
@API(status = INTERNAL)
public final class Vcpu {
  private static final int MAX_ATTEMPTS = 10_000;
  private static final int HIT = 0;
  private static final int MISS = 1;

  private final int id;
  private final VcpuEnv env;
  private final EntryCodec codec;
  private final Tlb tlb;
  private final boolean shadow;
  private final LeafProbe probe = new LeafProbe();
  private long lastFrame;

  public Vcpu(int id, VcpuEnv env) {
    this.id = id;
    this.env = env;
    this.codec = env.codec();
    this.tlb = new Tlb(id, env.levels() - 1);
    this.shadow = env.mmus().get(0).mmus().vcpuUsesShadow(id);
  }

  public int id() {
    return id;
  }

  public Tlb tlb() {
    return tlb;
  }

  /**
   * Whether this vCPU runs on shadow pages (shadow paging, or a nested guest) rather than on the
   * TDP MMU: its hardware walks and its faults use the shadow root.
   */
  public boolean usesShadowPages() {
    return shadow;
  }

  /** The root this vCPU walks in {@code as}, or null when there is none yet. */
  RadixRoot root(int as) {
    return env.mmus().get(as).rootFor(shadow);
  }

  /** Starts a fault: reads the invalidation sequence and resolves the slot (see FaultAttempt). */
  public FaultAttempt beginFault(int as, long gfn, boolean write) {
    return new FaultAttempt(this, env, as, gfn, write);
  }

  /** One whole fault attempt. */
  public FaultOutcome fault(int as, long gfn, boolean write) {
    return beginFault(as, gfn, write).finish();
  }

  /**
   * A guest access: TLB, else a table walk that marks the leaf accessed (and dirty for a write) and
   * fills the TLB, else a fault and another try. Returns the host frame, or -1 when no slot maps
   * the gfn or a write hits a read-only slot.
   */
  public long access(int as, long gfn, boolean write) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      env.sched().yieldPoint(Op.TLB_LOOKUP, tlb, gfn);
      long frame = tlb.lookup(as, gfn, write);
      if (frame >= 0) {
        accessed(as, gfn, write, true);
        return frame;
      }
      if (walkAndMark(as, gfn, write) == HIT) {
        accessed(as, gfn, write, false);
        return lastFrame;
      }
      FaultOutcome outcome = fault(as, gfn, write);
      if (outcome == FaultOutcome.NO_MEMSLOT || outcome == FaultOutcome.WRITE_TO_READONLY) {
        return -1;
      }
      if (outcome == FaultOutcome.RETRY) {
        awaitInvalidationEnd(attempt);
      }
    }
    throw new IllegalStateException(
        "vCPU "
            + id
            + ": access to gfn "
            + gfn
            + " did not complete after "
            + MAX_ATTEMPTS
            + " attempts (does an invalidation never end?)");
  }

  /**
   * After a fault that had to retry: while an invalidation is still in progress, another attempt
   * would only retry again, so the vCPU waits (a backoff in production, a blocked actor in
   * exploration, where the waiters are the actors that began the invalidation). Reading the
   * in-progress count is a yield point like every shared read.
   */
  private void awaitInvalidationEnd(int attempt) {
    InvalidationState invalidation = env.invalidation();
    if (invalidation.inProgress() == 0) {
      return;
    }
    env.sched()
        .block(
            new Blocked(
                Op.LOAD,
                invalidation,
                invalidation.invalidators(),
                () -> invalidation.inProgressNow() == 0),
            attempt);
  }

  /** Makes sure the address space has a valid root (as loading the MMU does). */
  void loadRoot(int as) {
    AddressSpaceMmu mmu = env.mmus().get(as);
    if (mmu.rootFor(shadow) != null) {
      return;
    }
    var mode = env.lock().kind().exclusiveMode();
    env.lock().acquire(mode);
    try {
      if (mmu.rootFor(shadow) == null) {
        mmu.newRootFor(shadow);
      }
    } finally {
      env.lock().release(mode);
    }
  }

  LeafProbe probe() {
    return probe;
  }

  private int walkAndMark(int as, long gfn, boolean write) {
    long generation = tlb.generation();
    env.rcu().readLock();
    try {
      RadixRoot root = root(as);
      if (root == null || !root.probe(gfn, probe)) {
        return MISS;
      }
      long value = probe.value();
      while (true) {
        if (!codec.isLeaf(value, probe.level()) || (write && !codec.writable(value))) {
          return MISS;
        }
        long marked = value | codec.accessedMask() | (write ? codec.dirtyMask() : 0);
        if (marked != value && !codec.hardwareAccessDirty()) {
          value = markUnderLock(value, write);
          if (value == 0) {
            return MISS;
          }
          break;
        }
        if (marked == value || probe.page().compareAndSet(probe.index(), value, marked)) {
          value = marked;
          break;
        }
        value = probe.page().load(probe.index());
      }
      env.sched().yieldPoint(Op.TLB_FILL, tlb, gfn);
      boolean filled =
          tlb.fill(
              generation,
              as,
              probe.gfn(),
              probe.level(),
              codec.frame(value),
              codec.writable(value),
              codec.dirty(value));
      if (filled && env.events().enabled()) {
        env.events().emit(new WorldEvent.TlbFill(id, as, probe.gfn(), probe.level()));
      }
      lastFrame = codec.frame(value) + (gfn - probe.gfn());
      return HIT;
    } finally {
      env.rcu().readUnlock();
    }
  }

  /**
   * Software-managed Accessed/Dirty (LoongArch): the access traps and the fault path sets them
   * holding the MMU lock, with a plain store. Returns the new entry, or 0 if the leaf changed.
   */
  private long markUnderLock(long seen, boolean write) {
    var mode = env.lock().kind().exclusiveMode();
    env.lock().acquire(mode);
    try {
      long now = probe.page().load(probe.index());
      if (now != seen) {
        return 0;
      }
      long marked = now | codec.accessedMask() | (write ? codec.dirtyMask() : 0);
      probe.page().store(probe.index(), marked);
      return marked;
    } finally {
      env.lock().release(mode);
    }
  }

  private void accessed(int as, long gfn, boolean write, boolean tlbHit) {
    if (env.events().enabled()) {
      env.events().emit(new WorldEvent.Access(Actor.current().name(), id, as, gfn, write, tlbHit));
    }
  }
}
