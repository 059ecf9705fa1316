package dev.walkspec.runtime.vcpu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.mmu.InstallResult;
import dev.walkspec.runtime.mmu.LeafProbe;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.trace.WorldEvent;
import org.apiguardian.api.API;

/**
 * One page fault, split at the point where it may race with an invalidation (H13). Creating it
 * reads the invalidation sequence, enters SRCU and resolves the memslot; {@link #finish()} takes
 * the MMU lock in the arch's fault mode, re-checks the in-progress count and the sequence, and
 * installs only if nothing raced. Tests interleave other actors' steps between the two halves.
 */
@API(status = INTERNAL)
public final class FaultAttempt {
  private final Vcpu vcpu;
  private final VcpuEnv env;
  private final int as;
  private final long gfn;
  private final boolean write;
  private final long sequence;
  private final int srcuIndex;
  private final MemSlot slot;
  private boolean finished;

  FaultAttempt(Vcpu vcpu, VcpuEnv env, int as, long gfn, boolean write) {
    this.vcpu = vcpu;
    this.env = env;
    this.as = as;
    this.gfn = gfn;
    this.write = write;
    vcpu.loadRoot(as);
    this.sequence = env.invalidation().sequence();
    this.srcuIndex = env.srcu().readLock();
    MemSlot found;
    try {
      found = env.memslots().read(as).byGfn(gfn);
    } catch (RuntimeException | Error e) {
      env.srcu().readUnlock(srcuIndex);
      throw e;
    }
    this.slot = found;
  }

  /** The invalidation sequence read before resolving. */
  public long sequenceSnapshot() {
    return sequence;
  }

  /** The slot holding the gfn, or null. */
  public MemSlot slot() {
    return slot;
  }

  /** Completes the fault (once); leaves the SRCU read section entered by the first half. */
  public FaultOutcome finish() {
    if (finished) {
      throw new IllegalStateException("fault attempt on gfn " + gfn + " already finished");
    }
    finished = true;
    FaultOutcome outcome;
    try {
      outcome = complete();
    } finally {
      env.srcu().readUnlock(srcuIndex);
    }
    if (env.events().enabled()) {
      env.events()
          .emit(
              new WorldEvent.Fault(
                  Actor.current().name(), vcpu.id(), as, gfn, write, outcome.render()));
    }
    return outcome;
  }

  private FaultOutcome complete() {
    if (slot == null) {
      return FaultOutcome.NO_MEMSLOT;
    }
    if (write && slot.has(MemSlot.READONLY)) {
      return FaultOutcome.WRITE_TO_READONLY;
    }
    LockMode mode = env.faultLockMode();
    env.lock().acquire(mode);
    try {
      if (env.invalidation().retryNeeded(sequence, gfn)) {
        return FaultOutcome.RETRY;
      }
      RadixRoot root = vcpu.root(as);
      if (root == null) {
        return FaultOutcome.RETRY;
      }
      return install(root);
    } finally {
      env.lock().release(mode);
    }
  }

  private FaultOutcome install(RadixRoot root) {
    boolean writable = !slot.has(MemSlot.READONLY);
    for (int level = mappingLevel(); level >= 1; level--) {
      long block = Pages.alignDown(gfn, level);
      long frame = slot.gfnToHva(block) >>> Pages.SHIFT;
      InstallResult result = root.installLeaf(block, level, frame, writable, write);
      if (result == InstallResult.INSTALLED) {
        return FaultOutcome.INSTALLED;
      }
      if (result == InstallResult.EXISTS) {
        makeWritable(root);
        return FaultOutcome.ALREADY_MAPPED;
      }
    }
    throw new IllegalStateException("a table blocks even a 4 KiB mapping of gfn " + gfn);
  }

  /** A write fault on a read-only mapping of a writable slot upgrades it atomically (H5). */
  private void makeWritable(RadixRoot root) {
    if (!write) {
      return;
    }
    LeafProbe probe = vcpu.probe();
    var codec = env.codec();
    while (root.probe(gfn, probe) && !codec.writable(probe.value())) {
      long value = probe.value();
      long upgraded = value | codec.writableMask() | codec.dirtyMask();
      if (probe.page().compareAndSet(probe.index(), value, upgraded)) {
        return;
      }
    }
  }

  /** The largest level whose whole block lies in the slot with matching hva alignment. */
  private int mappingLevel() {
    if (slot.has(MemSlot.LOG_DIRTY_PAGES)) {
      return 1;
    }
    long hvaPage = slot.userspaceAddr() >>> Pages.SHIFT;
    for (int level = env.faultMaxLevel(); level > 1; level--) {
      long size = Pages.pagesAt(level);
      long block = Pages.alignDown(gfn, level);
      if (block >= slot.baseGfn()
          && block + size <= slot.gfnEnd()
          && Math.floorMod(hvaPage - slot.baseGfn(), size) == 0) {
        return level;
      }
    }
    return 1;
  }
}
