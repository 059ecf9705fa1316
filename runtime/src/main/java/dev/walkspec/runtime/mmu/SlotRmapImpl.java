package dev.walkspec.runtime.mmu;

import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reverse map of one slot: per level, one 64-bit head per gfn (or huge block). A head is 0
 * (empty), one entry ref, or a link into the {@link RmapArena}; bit 0 is the head's bit lock. Entry
 * refs are {@code pageId << 9 | index}.
 */
final class SlotRmapImpl implements SlotRmap, Shared {
  private static final VarHandle HEAD = MethodHandles.arrayElementVarHandle(long[].class);
  private static final long LOCKED = 1;
  private static final long MANY = 2;

  private final MemSlot slot;
  private final MmuContext ctx;
  private final long[][] heads;
  private final Map<Long, Actor> owners = new ConcurrentHashMap<>();

  SlotRmapImpl(MemSlot slot, MmuContext ctx) {
    this.slot = slot;
    this.ctx = ctx;
    this.heads = new long[ctx.maxHugeLevel][];
    for (int level = 1; level <= ctx.maxHugeLevel; level++) {
      int shift = Pages.LEVEL_BITS * (level - 1);
      long count = ((slot.gfnEnd() - 1) >> shift) - (slot.baseGfn() >> shift) + 1;
      heads[level - 1] = new long[Math.toIntExact(count)];
    }
  }

  @Override
  public MemSlot slot() {
    return slot;
  }

  @Override
  public int maxLevel() {
    return heads.length;
  }

  @Override
  public String sharedName() {
    return "rmap[as " + slot.addressSpace() + ", slot " + slot.id() + "]";
  }

  @Override
  public RmapCursor lock(long gfn, int level) {
    int index = headIndex(gfn, level);
    return new RmapWalk(this, ctx, level, index, lockHead(level, index));
  }

  @Override
  public int count(long gfn, int level) {
    int index = headIndex(gfn, level);
    long head = lockHead(level, index);
    int count = 0;
    if (head != 0 && (head & MANY) == 0) {
      count = 1;
    } else if (head != 0) {
      for (int node = linkOf(head); node >= 0; node = ctx.arena.next(node)) {
        count++;
      }
    }
    unlockHead(level, index, head);
    return count;
  }

  static long ref(TablePage page, int index) {
    return (page.id() << Pages.LEVEL_BITS) | index;
  }

  static long pageIdOf(long ref) {
    return ref >>> Pages.LEVEL_BITS;
  }

  static int indexOf(long ref) {
    return (int) (ref & (Pages.ENTRIES - 1));
  }

  boolean covers(long gfn, int level) {
    return level <= heads.length && slot.containsGfn(gfn);
  }

  void add(long gfn, int level, long ref) {
    int index = headIndex(gfn, level);
    long head = lockHead(level, index);
    unlockHead(level, index, with(head, ref));
  }

  boolean remove(long gfn, int level, long ref) {
    int index = headIndex(gfn, level);
    long head = lockHead(level, index);
    long after = without(head, ref);
    unlockHead(level, index, after);
    return after != head;
  }

  /** The head value with {@code ref} added; the caller holds the head lock. */
  long with(long head, long ref) {
    if (head == 0) {
      return single(ref);
    }
    if ((head & MANY) == 0) {
      int second = ctx.arena.alloc(singleRef(head), -1);
      return many(ctx.arena.alloc(ref, second));
    }
    return many(ctx.arena.alloc(ref, linkOf(head)));
  }

  /** The head value with {@code ref} removed (unchanged if absent); caller holds the head lock. */
  long without(long head, long ref) {
    if (head == 0) {
      return 0;
    }
    if ((head & MANY) == 0) {
      return singleRef(head) == ref ? 0 : head;
    }
    RmapArena arena = ctx.arena;
    int first = linkOf(head);
    int previous = -1;
    for (int node = first; node >= 0; node = arena.next(node)) {
      if (arena.ref(node) == ref) {
        int next = arena.next(node);
        if (previous < 0) {
          first = next;
        } else {
          arena.setNext(previous, next);
        }
        arena.free(node);
        break;
      }
      previous = node;
    }
    if (first < 0) {
      return 0;
    }
    if (arena.next(first) < 0) {
      long last = arena.ref(first);
      arena.free(first);
      return single(last);
    }
    return many(first);
  }

  static boolean isSingle(long head) {
    return head != 0 && (head & MANY) == 0;
  }

  static long singleRef(long head) {
    return (head >>> 2) - 1;
  }

  static int linkOf(long head) {
    return (int) (head >>> 2);
  }

  private static long single(long ref) {
    return (ref + 1) << 2;
  }

  private static long many(int node) {
    return ((long) node << 2) | MANY;
  }

  int headIndex(long gfn, int level) {
    if (level < 1 || level > heads.length || !slot.containsGfn(gfn)) {
      throw new IllegalArgumentException(
          "slot "
              + slot.id()
              + " has no reverse map for gfn "
              + gfn
              + " at level "
              + level
              + " (gfns ["
              + slot.baseGfn()
              + ","
              + slot.gfnEnd()
              + "), levels 1.."
              + heads.length
              + ")");
    }
    int shift = Pages.LEVEL_BITS * (level - 1);
    return (int) ((gfn >> shift) - (slot.baseGfn() >> shift));
  }

  private static long key(int level, int index) {
    return ((long) level << 40) | index;
  }

  /** A head's bit-lock key as the gfn (and level) it maps: {@code gfn 4} or {@code gfn 512 L2}. */
  @Override
  public String renderIndex(long key) {
    int level = (int) (key >>> 40);
    int shift = Pages.LEVEL_BITS * (level - 1);
    long gfn = ((slot.baseGfn() >> shift) + (key & ((1L << 40) - 1))) << shift;
    return "gfn " + gfn + (level > 1 ? " L" + level : "");
  }

  /** Takes the head's bit lock and returns the head value (lock bit clear). */
  long lockHead(int level, int index) {
    Actor me = Actor.current();
    long key = key(level, index);
    if (me.heldMode(this, key) != null) {
      throw new RuleViolation(
          "H2",
          "actor '"
              + me.name()
              + "' takes the "
              + headName(level, index)
              + " bit lock it already holds: self-deadlock");
    }
    sched().yieldPoint(Op.BIT_LOCK, this, key);
    long[] array = heads[level - 1];
    int attempt = 0;
    long head;
    while (true) {
      head = (long) HEAD.getVolatile(array, index);
      if ((head & LOCKED) == 0 && HEAD.compareAndSet(array, index, head, head | LOCKED)) {
        break;
      }
      sched().block(blocked(level, index, key), attempt++);
    }
    me.acquired(this, key, LockMode.SPIN);
    if (ctx.sched.cooperative()) {
      owners.put(key, me);
    }
    return head;
  }

  /** Publishes {@code head} and drops the bit lock. */
  void unlockHead(int level, int index, long head) {
    Actor me = Actor.current();
    long key = key(level, index);
    if (me.heldMode(this, key) == null) {
      throw new RuleViolation(
          "H2",
          "actor '"
              + me.name()
              + "' releases the "
              + headName(level, index)
              + " bit lock but does not hold it");
    }
    sched().yieldPoint(Op.BIT_UNLOCK, this, key);
    me.released(this, key);
    if (ctx.sched.cooperative()) {
      owners.remove(key);
    }
    HEAD.setRelease(heads[level - 1], index, head & ~LOCKED);
  }

  private String headName(int level, int index) {
    return "rmap head (as "
        + slot.addressSpace()
        + ", slot "
        + slot.id()
        + ", level "
        + level
        + ", index "
        + index
        + ")";
  }

  private Blocked blocked(int level, int index, long key) {
    Actor owner = owners.get(key);
    long[] array = heads[level - 1];
    return new Blocked(
        Op.BIT_LOCK,
        this,
        owner == null ? List.of() : List.of(owner),
        () -> ((long) HEAD.getVolatile(array, index) & LOCKED) == 0);
  }

  private Scheduler sched() {
    return ctx.sched;
  }
}
