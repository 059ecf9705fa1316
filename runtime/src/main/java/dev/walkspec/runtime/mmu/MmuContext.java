package dev.walkspec.runtime.mmu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.ActorLocal;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sync.MmuLockImpl;
import dev.walkspec.runtime.sync.RcuDomain;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.trace.WorldEventSink;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/** The services every page-table object of one world shares. */
@API(status = INTERNAL)
public final class MmuContext {
  final EntryCodec codec;
  final MmuLockImpl lock;
  final RcuDomain rcu;
  final Scheduler sched;
  final WorldEventSink events;
  final int levels;
  final int maxHugeLevel;
  final PageRegistry registry = new PageRegistry();
  final RmapArena arena = new RmapArena();
  private final AtomicInteger rootIds = new AtomicInteger();

  /**
   * Remote TLB flushes so far: an actor's zap count (kept in the actor, see {@link Zaps}) counts
   * only while it is of the current flush epoch (H12, at a yield).
   */
  private final AtomicLong flushEpoch = new AtomicLong();

  /**
   * Zaps an actor may hold the MMU lock for, with a task waiting for it, while they stay in one 1
   * GiB-aligned region; past both, it must have offered the lock (H14).
   */
  public static final long HOLD_ZAPS = 512;

  /** A 1 GiB-aligned region of gfns: the chunk arm64's unmap works in between two yields. */
  private static final int REGION_SHIFT = 18;

  /**
   * Whether a task waits for the MMU lock or the CPU (the kernel's rwlock_needbreak, need_resched):
   * a handler that may block must then give the lock up now and then (H14).
   */
  private volatile boolean waiter;

  /**
   * The present entries one actor zapped in one flush epoch, and since it last offered the lock.
   */
  private static final class Zaps implements ActorLocal {
    long epoch;
    long count;
    long held;
    long firstRegion = -1;
    boolean spread;

    @Override
    public boolean busy() {
      return false;
    }
  }

  public MmuContext(
      EntryCodec codec,
      MmuLockImpl lock,
      RcuDomain rcu,
      Scheduler sched,
      WorldEventSink events,
      int levels,
      int maxHugeLevel) {
    this.codec = codec;
    this.lock = lock;
    this.rcu = rcu;
    this.sched = sched;
    this.events = events;
    this.levels = levels;
    this.maxHugeLevel = maxHugeLevel;
  }

  public EntryCodec codec() {
    return codec;
  }

  public int levels() {
    return levels;
  }

  public int maxHugeLevel() {
    return maxHugeLevel;
  }

  /**
   * The current actor zapped the present entry at {@code gfn}: vCPU TLBs may still hold it until a
   * flush (H12), and with a waiter the actor owes it the lock after enough of them (H14).
   */
  void zapped(long gfn) {
    Actor me = Actor.current();
    Zaps zaps = zaps(me);
    Runnable purge = coherentPurge;
    if (purge != null) {
      // A coherent zap (s390's DAT instructions): the translation leaves every TLB with the entry,
      // so nothing is owed to a remote flush (H12); the hold still counts for H14.
      purge.run();
    } else {
      long epoch = flushEpoch.get();
      if (zaps.epoch != epoch) {
        zaps.epoch = epoch;
        zaps.count = 0;
      }
      zaps.count++;
    }
    if (!waiter) {
      return;
    }
    // Counted only while a task waits: the hold starts with the first zap after the waiter came.
    zaps.held++;
    long region = gfn >>> REGION_SHIFT;
    if (zaps.firstRegion < 0) {
      zaps.firstRegion = region;
    } else if (region != zaps.firstRegion) {
      zaps.spread = true;
    }
    if (zaps.held > HOLD_ZAPS && zaps.spread) {
      throw new RuleViolation(
          "H14",
          "actor '"
              + me.name()
              + "' keeps the MMU lock from a waiting task across "
              + zaps.held
              + " zapped entries in more than one 1 GiB region (now gfn "
              + gfn
              + ") without offering it: a handler that may block yields (cond_resched) at least"
              + " once per "
              + HOLD_ZAPS
              + " entries or per 1 GiB region");
    }
  }

  private Zaps zaps(Actor me) {
    Zaps zaps = (Zaps) me.local(this);
    if (zaps == null) {
      zaps = new Zaps();
      me.putLocal(this, zaps);
    }
    return zaps;
  }

  /** The current actor offered the MMU lock to waiters (cond_resched): its hold starts anew. */
  public void lockOffered() {
    Zaps zaps = zaps(Actor.current());
    zaps.held = 0;
    zaps.firstRegion = -1;
    zaps.spread = false;
  }

  /**
   * Whether a task waits for the MMU lock or the CPU (for H14); none by default. Zaps count towards
   * an actor's hold only while one waits.
   */
  public void setWaiter(boolean waiting) {
    waiter = waiting;
  }

  private volatile Runnable coherentPurge;

  /**
   * Makes every zap keep the TLBs coherent by itself (an arch profile's {@code coherentZap}, s390):
   * {@code purge} drops the cached translations at once, with no yield point between the entry
   * change and the purge, as the DAT instructions do in one step.
   */
  public void setCoherentPurge(Runnable purge) {
    coherentPurge = purge;
  }

  /** Every remote TLB was flushed: no zapped entry is cached anywhere any more. */
  public void tlbsFlushed() {
    flushEpoch.incrementAndGet();
  }

  /**
   * How many present entries {@code actor} zapped since the last remote TLB flush; only the actor's
   * own thread may ask.
   */
  public long unflushedZaps(Actor actor) {
    Zaps zaps = (Zaps) actor.local(this);
    return zaps == null || zaps.epoch != flushEpoch.get() ? 0 : zaps.count;
  }

  /** Table pages allocated so far (freed ones included). */
  public long allocatedPages() {
    return registry.allocatedPages();
  }

  /** The page with this id (freed pages included), or null. */
  public TablePage page(long id) {
    return registry.get(id);
  }

  int nextRootId() {
    return rootIds.getAndIncrement();
  }

  TablePage allocate(int level, long baseGfn, int as, int rootId) {
    return registry.allocate(level, baseGfn, as, rootId, sched);
  }

  /** The child table a non-leaf entry of {@code parent} points to. */
  TablePage child(long entry, TablePage parent) {
    TablePage child = registry.get(codec.tableId(entry));
    if (child == null || child.level() != parent.level() - 1) {
      throw new IllegalStateException(
          "corrupt non-leaf entry 0x"
              + Long.toHexString(entry)
              + " in table page #"
              + parent.id()
              + ": it names no table page of level "
              + (parent.level() - 1));
    }
    return child;
  }

  /** Frees a page that was never published: no reader can have seen it. */
  void discard(TablePage page) {
    page.markUnlinked();
    page.poison();
  }

  /** Frees an unlinked page once every RCU reader that might still see it is gone (H3). */
  void freeAfterGracePeriod(TablePage page) {
    page.markUnlinked();
    if (events.enabled()) {
      events.emit(new WorldEvent.TableFree(page.id(), page.level()));
    }
    rcu.callAfterGracePeriod(
        () -> {
          page.poison();
          if (events.enabled()) {
            events.emit(new WorldEvent.TablePoison(page.id()));
          }
        });
  }

  /** Whether the caller may read tables: MMU lock (any mode) or an RCU read section (H3). */
  boolean mayRead() {
    Actor me = Actor.current();
    return me.heldMode(lock, 0) != null || rcu.inReadSection(me);
  }

  /** Reading tables needs the MMU lock (any mode) or an RCU read section (H3). */
  void checkReadContext(String what) {
    Actor me = Actor.current();
    if (me.heldMode(lock, 0) == null && !rcu.inReadSection(me)) {
      throw new RuleViolation(
          "H3",
          what
              + " requires the MMU lock or an RCU read section, but actor '"
              + me.name()
              + "' has neither");
    }
  }

  /** Whether the caller holds the lock exclusively, as structural changes need (H7). */
  boolean holdsExclusive() {
    return Actor.current().heldMode(lock, 0) == lock.kind().exclusiveMode();
  }

  /**
   * Changing the table topology or reverse maps needs the lock exclusively (H7). Hot paths test
   * {@link #holdsExclusive()} first so the message is only built for a violation.
   */
  void checkStructural(String what) {
    lock.assertHeldWrite("H7", what);
  }
}
