package dev.walkspec.arch.testing;

import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.trace.RecordingWorldEventSink;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.vcpu.Vcpu;
import dev.walkspec.runtime.world.World;
import dev.walkspec.suite.PageTableSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime world for sequential handler tests: slots, roots (valid or not), mappings, vCPUs, and
 * handler calls made the way the walk makes them (SRCU held; the MMU lock taken in the walk's
 * exclusive mode unless lockless; the flush after a true result when the operation flushes).
 */
public final class Sandbox {
  /** Host addresses start 1 TiB up, so gfn and hva alignment agree and faults may map huge. */
  public static final long HVA_BASE = 1L << 40;

  /** The actor that calls handlers. */
  public static final String CALLER = "walker";

  public final World world;
  public final RecordingWorldEventSink events = new RecordingWorldEventSink();
  public final Interposer interposer = new Interposer();

  private Sandbox(ArchProfile profile, int vcpus, Mmus mmus) {
    Actor.bind(CALLER);
    this.world =
        World.builder(profile)
            .scheduler(interposer)
            .worldEvents(events)
            .vcpus(vcpus)
            .mmus(mmus)
            .build();
  }

  /** A VM with the TDP MMU alone (every arch's stage-2; x86 without a nested guest). */
  public static Sandbox of(ArchProfile profile) {
    return new Sandbox(profile, 2, Mmus.TDP);
  }

  public static Sandbox of(ArchProfile profile, int vcpus) {
    return new Sandbox(profile, vcpus, Mmus.TDP);
  }

  /** A VM with these page-table structures (x86: the TDP MMU, shadow pages, or both). */
  public static Sandbox of(ArchProfile profile, Mmus mmus) {
    return new Sandbox(profile, 2, mmus);
  }

  /** A slot whose host addresses keep the gfn's alignment. */
  public MemSlot slot(int as, int id, long baseGfn, long pages) {
    long hva = HVA_BASE + ((long) as << 36) + (baseGfn << Pages.SHIFT);
    return world.createSlot(new MemSlot(as, id, baseGfn, pages, hva, 0));
  }

  /** The TDP root vCPUs of {@code as} use (null in a VM without the TDP MMU). */
  public RadixRoot root(int as) {
    return world.mmu(as).currentRoot();
  }

  /** The first shadow root of {@code as}, whose leaves the reverse maps list (null without). */
  public RadixRoot shadowRoot(int as) {
    return world.mmu(as).currentShadowRoot();
  }

  /** A second (third...) shadow root: another vCPU's or nested guest's shadow pages. */
  public RadixRoot newShadowRoot(int as) {
    RadixRoot[] made = new RadixRoot[1];
    world.withExclusiveLock(() -> made[0] = world.mmu(as).newShadowRoot());
    return made[0];
  }

  public RadixRoot newRoot(int as) {
    RadixRoot[] made = new RadixRoot[1];
    world.withExclusiveLock(() -> made[0] = world.mmu(as).newRoot());
    return made[0];
  }

  /** A nested stage-2 table (arm64): indexed by an L2 guest's IPAs. */
  public RadixRoot newNestedRoot(int as) {
    RadixRoot[] made = new RadixRoot[1];
    world.withExclusiveLock(() -> made[0] = world.mmu(as).newNestedRoot());
    return made[0];
  }

  /**
   * Maps, in nested stage-2 table {@code nested}, the L2 IPA {@code ipa} to the host page that
   * {@link #map} gives gfn {@code gfn} of the VM's own table: young, clean, writable.
   */
  public void mapNested(RadixRoot nested, long ipa, long gfn, int level) {
    world.withExclusiveLock(() -> nested.map(ipa, level, 0x10_0000 + gfn, true, true, false));
  }

  /** Marks {@code root} invalid; it keeps its mappings. */
  public void invalidate(RadixRoot root) {
    world.withExclusiveLock(() -> world.mmu(root.addressSpace()).invalidate(root));
  }

  /** Maps the level-{@code level} block at {@code gfn} in {@code root}, writable. */
  public void map(RadixRoot root, long gfn, int level, boolean accessed, boolean dirty) {
    map(root, gfn, level, accessed, dirty, true);
  }

  public void map(
      RadixRoot root, long gfn, int level, boolean accessed, boolean dirty, boolean writable) {
    world.withExclusiveLock(() -> root.map(gfn, level, 0x10_0000 + gfn, writable, accessed, dirty));
  }

  /** A guest access through vCPU {@code vcpu} (faulting in as needed; fills its TLB). */
  public void touch(int vcpu, int as, long gfn, boolean write) {
    Vcpu v = world.vcpu(vcpu);
    if (v.access(as, gfn, write) < 0) {
      throw new IllegalStateException("vCPU " + vcpu + " cannot reach gfn " + gfn);
    }
  }

  /** Whether any vCPU's TLB still translates {@code gfn} of {@code as}. */
  public boolean anyTlbMaps(int as, long gfn) {
    for (Vcpu v : world.vcpus()) {
      if (v.tlb().maps(as, gfn)) {
        return true;
      }
    }
    return false;
  }

  public static GfnRange range(
      MemSlot slot, long start, long end, boolean mayBlock, boolean lockless) {
    return new GfnRange(slot, start, end, 0, AttrFilter.SHARED, mayBlock, lockless);
  }

  /** Calls {@code handler} lockless (C3-C5 on x86): SRCU only. */
  public boolean lockless(GfnHandler handler, MemSlot slot, long start, long end) {
    return call(handler, range(slot, start, end, false, true), false);
  }

  /** Calls {@code handler} locked and non-blocking, as locked aging does. */
  public boolean locked(GfnHandler handler, MemSlot slot, long start, long end) {
    return call(handler, range(slot, start, end, false, false), false);
  }

  /** Calls {@code handler} the way C1 does: locked, flushing after a true result. */
  public boolean unmap(GfnHandler handler, MemSlot slot, long start, long end, boolean mayBlock) {
    return call(handler, range(slot, start, end, mayBlock, false), true);
  }

  /**
   * One handler call as the walk makes it: SRCU around everything (W2), the exclusive MMU lock
   * unless lockless (W7), the flush while still locked when {@code flushOnRet} and the result is
   * true (W10).
   */
  public boolean call(GfnHandler handler, GfnRange range, boolean flushOnRet) {
    LockMode mode = world.mmuLock().kind().exclusiveMode();
    int srcu = world.srcu().readLock();
    try {
      if (!range.lockless()) {
        world.mmuLock().acquire(mode);
      }
      try {
        boolean result = world.callHandler(handler, range);
        unflushedAfterHandler = world.mmuContext().unflushedZaps(Actor.current());
        if (flushOnRet && result) {
          world.flushRemoteTlbs();
        }
        return result;
      } finally {
        if (!range.lockless() && world.mmuLock().heldMode() == mode) {
          world.mmuLock().release(mode);
        }
      }
    } finally {
      world.srcu().readUnlock(srcu);
    }
  }

  /**
   * Runs {@code step} as another actor, on a thread of its own, and waits for it: a concurrent
   * party (a zapper, a guest) acting at a chosen point while the caller stands still.
   */
  public static void asActor(String name, Runnable step) {
    Throwable[] failure = new Throwable[1];
    Thread thread =
        new Thread(
            () -> {
              Actor.bind(name);
              try {
                step.run();
              } catch (RuntimeException | Error e) {
                failure[0] = e;
              }
            },
            name);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name + " ran", e);
    }
    if (failure[0] instanceof RuntimeException) {
      throw (RuntimeException) failure[0];
    }
    if (failure[0] instanceof Error) {
      throw (Error) failure[0];
    }
  }

  /**
   * Zaps the last handler call left for the walk's flush, counted when it returned (before that
   * flush): a handler that flushed them itself left none.
   */
  public long unflushedAfterHandler;

  /** The page tables as the harness's judges read them (TableJudges). */
  public PageTableSnapshot snapshot() {
    PageTableSnapshot[] out = new PageTableSnapshot[1];
    world.withExclusiveLock(() -> out[0] = PageTableSnapshot.of(world));
    return out[0];
  }

  /** Every present leaf of every root of every address space, TDP and shadow roots alike. */
  public List<Leaf> leaves() {
    List<Leaf> out = new ArrayList<>();
    world.withExclusiveLock(
        () -> {
          for (int as = 0; as < world.addressSpaces(); as++) {
            for (Root root : world.mmu(as).allRoots()) {
              EntryCursor leaf = root.walk(0, world.profile().gfnLimit());
              while (leaf.next()) {
                out.add(
                    new Leaf(as, root.id(), root.valid(), leaf.gfn(), leaf.level(), leaf.load()));
              }
            }
          }
        });
    return out;
  }

  /** The leaf of {@code root} that maps {@code gfn}, or null. */
  public Leaf leaf(RadixRoot root, long gfn) {
    for (Leaf leaf : leaves()) {
      if (leaf.root() == root.id() && leaf.meets(root.addressSpace(), gfn, gfn + 1)) {
        return leaf;
      }
    }
    return null;
  }

  /** Whether the leaf of {@code root} mapping {@code gfn} is present and accessed. */
  public boolean young(RadixRoot root, long gfn) {
    Leaf leaf = leaf(root, gfn);
    return leaf != null && world.codec().accessed(leaf.entry());
  }

  /** MMU lock acquisitions by the handler-calling actor recorded since the last clear. */
  public long lockAcquisitionsByCaller() {
    return events.events().stream()
        .filter(e -> e instanceof WorldEvent.LockChange)
        .map(e -> (WorldEvent.LockChange) e)
        .filter(c -> c.acquired() && c.actor().equals(CALLER))
        .count();
  }

  /** Exclusive (write or spin) acquisitions of the MMU lock by the caller (H1, lockless). */
  public long exclusiveLockAcquisitionsByCaller() {
    return events.events().stream()
        .filter(e -> e instanceof WorldEvent.LockChange)
        .map(e -> (WorldEvent.LockChange) e)
        .filter(c -> c.acquired() && c.actor().equals(CALLER) && c.mode() != LockMode.READ)
        .count();
  }
}
