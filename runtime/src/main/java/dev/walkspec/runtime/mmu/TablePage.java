package dev.walkspec.runtime.mmu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * One page of a radix table: 512 atomic 64-bit entries in a plain {@code long[]} (8 bytes per
 * entry) accessed through a VarHandle. Every access is a yield point. Once freed and past its RCU
 * grace period the page is poisoned: any later access fails with H3 (use-after-free).
 */
@API(status = INTERNAL)
public final class TablePage implements Shared {
  /** What a poisoned page reads as: never present in any codec (bit 0 clear). */
  public static final long POISON = 0x6b6b_6b6b_6b6b_6b6aL;

  private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(long[].class);
  private static final long[] POISONED = poisonedEntries();
  private static final int LIVE = 0;
  private static final int UNLINKED = 1;
  private static final int FREED = 2;

  private final long id;
  private final int level;
  private final long baseGfn;
  private final int addressSpace;
  private final int rootId;
  private final Scheduler sched;
  private long[] entries = new long[Pages.ENTRIES];
  private volatile int state = LIVE;

  TablePage(long id, int level, long baseGfn, int addressSpace, int rootId, Scheduler sched) {
    this.id = id;
    this.level = level;
    this.baseGfn = baseGfn;
    this.addressSpace = addressSpace;
    this.rootId = rootId;
    this.sched = sched;
  }

  public long id() {
    return id;
  }

  /** Level of the entries in this page (1 = 4 KiB leaves). */
  public int level() {
    return level;
  }

  /** First gfn covered by entry 0. */
  public long baseGfn() {
    return baseGfn;
  }

  public int rootId() {
    return rootId;
  }

  public int addressSpace() {
    return addressSpace;
  }

  /** Whether the page was freed and its grace period ended. */
  public boolean poisoned() {
    return state == FREED;
  }

  /** Whether the page was unlinked from its table (it may still be read until poisoned). */
  public boolean unlinked() {
    return state != LIVE;
  }

  /** First gfn mapped by entry {@code index}. */
  public long gfnOf(int index) {
    return baseGfn + ((long) index << (Pages.LEVEL_BITS * (level - 1)));
  }

  @Override
  public String sharedName() {
    return "page#" + id;
  }

  public long load(int index) {
    sched.yieldPoint(Op.LOAD, this, index);
    long value = (long) ENTRY.getAcquire(entries, index);
    checkAlive(index, "read");
    return value;
  }

  /**
   * The entry's current value with no yield point and no liveness check: for schedulers, invariant
   * monitors and diagnostics only. Walkers and handlers use {@link #load(int)}.
   */
  public long peek(int index) {
    return (long) ENTRY.getAcquire(entries, index);
  }

  /** A plain store (release ordering); the caller decides whether that is allowed (H4). */
  public void store(int index, long value) {
    sched.yieldPoint(Op.STORE, this, index);
    checkAlive(index, "write");
    ENTRY.setRelease(entries, index, value);
  }

  public boolean compareAndSet(int index, long expected, long update) {
    sched.yieldPoint(Op.CAS, this, index);
    checkAlive(index, "compare-and-swap");
    return ENTRY.compareAndSet(entries, index, expected, update);
  }

  public long fetchAnd(int index, long mask) {
    sched.yieldPoint(Op.FETCH_AND, this, index);
    checkAlive(index, "fetch-and");
    return (long) ENTRY.getAndBitwiseAnd(entries, index, mask);
  }

  public long fetchOr(int index, long mask) {
    sched.yieldPoint(Op.FETCH_OR, this, index);
    checkAlive(index, "fetch-or");
    return (long) ENTRY.getAndBitwiseOr(entries, index, mask);
  }

  public long exchange(int index, long value) {
    sched.yieldPoint(Op.EXCHANGE, this, index);
    checkAlive(index, "exchange");
    return (long) ENTRY.getAndSet(entries, index, value);
  }

  void markUnlinked() {
    state = UNLINKED;
  }

  /** Ends the page's life: later accesses fail (H3); the entry memory is released. */
  void poison() {
    sched.yieldPoint(Op.TABLE_FREE, this, -1);
    state = FREED;
    entries = POISONED;
  }

  void checkAlive(int index, String access) {
    if (state == FREED) {
      throw new RuleViolation(
          "H3",
          access
              + " of entry "
              + index
              + " of table page #"
              + id
              + " (level "
              + level
              + ", root "
              + rootId
              + ", as "
              + addressSpace
              + ") after it was freed and its RCU grace period ended: use-after-free");
    }
  }

  private static long[] poisonedEntries() {
    long[] poisoned = new long[Pages.ENTRIES];
    Arrays.fill(poisoned, POISON);
    return poisoned;
  }
}
