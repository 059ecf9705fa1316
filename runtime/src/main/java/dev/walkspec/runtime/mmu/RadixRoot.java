package dev.walkspec.runtime.mmu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.trace.WorldEvent;
import org.apiguardian.api.API;

/**
 * One root: a radix table of {@code levels} levels of 512 atomic entries. A TDP root's leaves are
 * found by walking it; a shadow root's leaves are also listed, each when it is installed and until
 * it is removed, in the reverse map of the slot that holds its gfn (the kernel indexes shadow pages
 * by the guest's own address, an L2 gfn or a guest virtual address; here they are indexed by the
 * gfn they map, which handlers never see: they reach shadow entries through the reverse maps only).
 */
@API(status = INTERNAL)
public final class RadixRoot implements Root {
  private final int id;
  private final AddressSpaceMmu mmu;
  private final MmuContext ctx;
  private final EntryCodec codec;
  private final TablePage top;
  private final boolean shadow;
  private final boolean nested;
  private final boolean mirror;
  private volatile boolean valid = true;

  RadixRoot(int id, AddressSpaceMmu mmu, MmuContext ctx, boolean shadow, boolean nested) {
    this(id, mmu, ctx, shadow, nested, false);
  }

  RadixRoot(
      int id, AddressSpaceMmu mmu, MmuContext ctx, boolean shadow, boolean nested, boolean mirror) {
    this.id = id;
    this.mirror = mirror;
    this.mmu = mmu;
    this.ctx = ctx;
    this.shadow = shadow;
    this.nested = nested;
    this.codec = ctx.codec;
    this.top = ctx.allocate(ctx.levels, 0, mmu.addressSpace(), id);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public int addressSpace() {
    return mmu.addressSpace();
  }

  @Override
  public boolean valid() {
    return valid;
  }

  /** Whether this is a shadow-MMU root (its leaves are in the reverse maps) or a TDP root. */
  public boolean shadow() {
    return shadow;
  }

  @Override
  public boolean nested() {
    return nested;
  }

  @Override
  public boolean mirror() {
    return mirror;
  }

  @Override
  public int levels() {
    return ctx.levels;
  }

  /** The top-level table page. */
  public TablePage top() {
    return top;
  }

  @Override
  public EntryCursor walk(long startGfn, long endGfn) {
    checkRange(startGfn, endGfn);
    if (!ctx.mayRead()) {
      ctx.checkReadContext("walking the tables of root " + id);
    }
    return new TableWalk(this, ctx, startGfn, endGfn);
  }

  @Override
  public boolean zapRange(long startGfn, long endGfn) {
    checkRange(startGfn, endGfn);
    if (!ctx.holdsExclusive()) {
      ctx.checkStructural("zapping gfns [" + startGfn + "," + endGfn + ") of root " + id);
    }
    TableWalk walk = new TableWalk(this, ctx, startGfn, endGfn);
    boolean removed = false;
    while (walk.next()) {
      removed |= walk.zap();
    }
    return removed;
  }

  @Override
  public boolean ageRange(long startGfn, long endGfn) {
    EntryCursor walk = walk(startGfn, endGfn);
    long keep = ~codec.accessedMask();
    boolean young = false;
    while (walk.next()) {
      long old = walk.fetchAnd(keep);
      boolean wasYoung = codec.present(old) && codec.accessed(old);
      young |= wasYoung;
      if (ctx.events.enabled()) {
        ctx.events.emit(new WorldEvent.Age(addressSpace(), id, walk.gfn(), walk.level(), wasYoung));
      }
    }
    return young;
  }

  @Override
  public boolean testAgeRange(long startGfn, long endGfn) {
    EntryCursor walk = walk(startGfn, endGfn);
    while (walk.next()) {
      if (codec.accessed(walk.load())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Zaps every leaf meeting {@code [startGfn, endGfn)} and unlinks every table page whose whole
   * span lies in the range, as a root teardown or a zap that collapses tables does: each unlinked
   * page is freed (and poisoned) after an RCU grace period, so a lockless reader must not touch it
   * outside its read section (H3). Needs the lock exclusively (H7). Returns whether a present leaf
   * was removed. An unlinked subtree is torn down without yield points: no walker can reach it any
   * more, and lockless readers that still hold it may only change Accessed/Dirty bits there.
   */
  public boolean zapRangeFreeingTables(long startGfn, long endGfn) {
    checkRange(startGfn, endGfn);
    if (!ctx.holdsExclusive()) {
      ctx.checkStructural(
          "zapping gfns [" + startGfn + "," + endGfn + ") and freeing tables of root " + id);
    }
    return zapFreeing(top, ctx.levels, startGfn, endGfn);
  }

  private boolean zapFreeing(TablePage page, int level, long startGfn, long endGfn) {
    long size = Pages.pagesAt(level);
    long from = Math.max(startGfn, page.baseGfn());
    long to = Math.min(endGfn, page.baseGfn() + size * Pages.ENTRIES);
    boolean removed = false;
    for (long gfn = Pages.alignDown(from, level); gfn < to; gfn += size) {
      int i = Pages.indexAt(gfn, level);
      if (gfn >= startGfn && gfn + size <= endGfn) {
        long old = page.exchange(i, 0);
        if (!codec.present(old)) {
          continue;
        }
        if (codec.isLeaf(old, level)) {
          leafRemoved(page, i, level, gfn);
          removed = true;
        } else {
          removed |= tearDown(ctx.child(old, page));
        }
        continue;
      }
      long entry = page.load(i);
      if (!codec.present(entry)) {
        continue;
      }
      if (codec.isLeaf(entry, level)) {
        long old = page.exchange(i, 0);
        if (codec.present(old)) {
          leafRemoved(page, i, level, gfn);
          removed = true;
        }
      } else {
        removed |= zapFreeing(ctx.child(entry, page), level - 1, startGfn, endGfn);
      }
    }
    return removed;
  }

  private boolean tearDown(TablePage page) {
    boolean removed = false;
    for (int i = 0; i < Pages.ENTRIES; i++) {
      long entry = page.peek(i);
      if (!codec.present(entry)) {
        continue;
      }
      if (codec.isLeaf(entry, page.level())) {
        leafRemoved(page, i, page.level(), page.gfnOf(i));
        removed = true;
      } else {
        removed |= tearDown(ctx.child(entry, page));
      }
    }
    ctx.freeAfterGracePeriod(page);
    return removed;
  }

  /** Receives the leaves of {@link #forEachLeaf}. */
  @FunctionalInterface
  public interface LeafVisitor {
    void leaf(long gfn, int level, long entry);
  }

  /**
   * Every present leaf that starts below {@code endGfn}, in gfn order, as {@link #walk} would find
   * them from gfn 0, for a snapshot taken while the caller holds the MMU lock exclusively (nothing
   * else changes the tables, so the entries are read without yield points). A freed table page
   * still linked breaks H3 as the walk's first read of it would.
   */
  public void forEachLeaf(long endGfn, LeafVisitor visitor) {
    if (!ctx.holdsExclusive()) {
      throw new IllegalStateException(
          "a snapshot of root " + id + " needs the MMU lock exclusively");
    }
    forEachLeaf(top, endGfn, visitor);
  }

  private void forEachLeaf(TablePage page, long endGfn, LeafVisitor visitor) {
    page.checkAlive(0, "read");
    int level = page.level();
    for (int i = 0; i < Pages.ENTRIES; i++) {
      long gfn = page.gfnOf(i);
      if (gfn >= endGfn) {
        return;
      }
      long entry = page.peek(i);
      if (!codec.present(entry)) {
        continue;
      }
      if (codec.isLeaf(entry, level)) {
        visitor.leaf(gfn, level, entry);
      } else {
        forEachLeaf(ctx.child(entry, page), endGfn, visitor);
      }
    }
  }

  /**
   * The first gfn in {@code [startGfn, endGfn)} that a leaf of this root maps right now, read
   * without yield points (for monitors), or -1.
   */
  public long firstMapped(long startGfn, long endGfn) {
    return firstMapped(top, ctx.levels, Math.max(0, startGfn), endGfn);
  }

  private long firstMapped(TablePage page, int level, long startGfn, long endGfn) {
    long size = Pages.pagesAt(level);
    long from = Math.max(startGfn, page.baseGfn());
    long to = Math.min(endGfn, page.baseGfn() + size * Pages.ENTRIES);
    for (long gfn = Pages.alignDown(from, level); gfn < to; gfn += size) {
      long entry = page.peek(Pages.indexAt(gfn, level));
      if (!codec.present(entry)) {
        continue;
      }
      if (codec.isLeaf(entry, level)) {
        return Math.max(gfn, startGfn);
      }
      TablePage child = ctx.registry.get(codec.tableId(entry));
      if (child != null && !child.poisoned()) {
        long found = firstMapped(child, level - 1, startGfn, endGfn);
        if (found >= 0) {
          return found;
        }
      }
    }
    return -1;
  }

  /**
   * Maps the level-{@code level} block at {@code gfn} to {@code frame}, replacing whatever mapped
   * any part of it (a smaller subtree is unlinked and freed after a grace period; a larger huge
   * mapping is removed whole). Needs the lock exclusively (H7).
   */
  public void map(
      long gfn, int level, long frame, boolean writable, boolean accessed, boolean dirty) {
    checkBlock(gfn, level);
    if (!ctx.holdsExclusive()) {
      ctx.checkStructural("mapping gfn " + gfn + " at level " + level + " in root " + id);
    }
    TablePage page = top;
    for (int l = ctx.levels; l > level; l--) {
      int i = Pages.indexAt(gfn, l);
      long entry = page.load(i);
      if (codec.present(entry) && !codec.isLeaf(entry, l)) {
        page = ctx.child(entry, page);
        continue;
      }
      TablePage child = ctx.allocate(l - 1, Pages.alignDown(gfn, l), addressSpace(), id);
      long old = page.exchange(i, codec.table(child.id()));
      if (codec.present(old)) {
        leafRemoved(page, i, l, Pages.alignDown(gfn, l));
      }
      page = child;
    }
    int i = Pages.indexAt(gfn, level);
    long old = page.exchange(i, codec.leaf(frame, level, writable, accessed, dirty));
    if (codec.isLeaf(old, level)) {
      leafRemoved(page, i, level, gfn);
    } else if (codec.present(old)) {
      release(ctx.child(old, page));
    }
    leafAdded(page, i, level, gfn, frame);
  }

  /**
   * The fault path's install: only fills non-present entries, with compare-and-swap, so it is safe
   * under the read lock next to other faults and lockless aging.
   */
  public InstallResult installLeaf(
      long gfn, int level, long frame, boolean writable, boolean dirty) {
    checkBlock(gfn, level);
    TablePage page = top;
    int l = ctx.levels;
    while (true) {
      int i = Pages.indexAt(gfn, l);
      long entry = page.load(i);
      if (l == level) {
        if (codec.present(entry)) {
          return codec.isLeaf(entry, l) ? InstallResult.EXISTS : InstallResult.BLOCKED_BY_TABLE;
        }
        if (page.compareAndSet(i, entry, codec.leaf(frame, level, writable, true, dirty))) {
          leafAdded(page, i, level, gfn, frame);
          return InstallResult.INSTALLED;
        }
      } else if (!codec.present(entry)) {
        TablePage child = ctx.allocate(l - 1, Pages.alignDown(gfn, l), addressSpace(), id);
        if (page.compareAndSet(i, entry, codec.table(child.id()))) {
          page = child;
          l--;
        } else {
          ctx.discard(child);
        }
      } else if (codec.isLeaf(entry, l)) {
        return InstallResult.EXISTS;
      } else {
        page = ctx.child(entry, page);
        l--;
      }
    }
  }

  /** The hardware walk: finds the leaf covering {@code gfn}, or returns false. */
  public boolean probe(long gfn, LeafProbe out) {
    TablePage page = top;
    for (int l = ctx.levels; l >= 1; l--) {
      int i = Pages.indexAt(gfn, l);
      long entry = page.load(i);
      if (!codec.present(entry)) {
        return false;
      }
      if (codec.isLeaf(entry, l)) {
        out.page = page;
        out.index = i;
        out.level = l;
        out.gfn = Pages.alignDown(gfn, l);
        out.value = entry;
        return true;
      }
      page = ctx.child(entry, page);
    }
    return false;
  }

  void invalidate() {
    valid = false;
  }

  /** Zaps every leaf and frees every table page of this root after a grace period. */
  void releaseAll() {
    release(top);
  }

  private void release(TablePage page) {
    for (int i = 0; i < Pages.ENTRIES; i++) {
      long entry = page.load(i);
      if (!codec.present(entry)) {
        continue;
      }
      if (codec.isLeaf(entry, page.level())) {
        page.exchange(i, 0);
        leafRemoved(page, i, page.level(), page.gfnOf(i));
      } else {
        release(ctx.child(entry, page));
      }
    }
    ctx.freeAfterGracePeriod(page);
  }

  void leafRemoved(TablePage page, int index, int level, long gfn) {
    if (shadow) {
      mmu.rmapRemove(gfn, level, SlotRmapImpl.ref(page, index));
    }
    if (ctx.events.enabled()) {
      ctx.events.emit(new WorldEvent.Zap(addressSpace(), id, gfn, level));
    }
    // Last: with a waiting task it may refuse a hold that is too long (H14), after the zap's own
    // bookkeeping.
    ctx.zapped(gfn);
  }

  private void leafAdded(TablePage page, int index, int level, long gfn, long frame) {
    // The event first: the reverse-map update below is a yield point of its own, and observers
    // must know the entry write they just saw was an install, not a stray store (H12).
    if (ctx.events.enabled()) {
      ctx.events.emit(new WorldEvent.Map(addressSpace(), id, gfn, level, frame));
    }
    if (shadow) {
      mmu.rmapAdd(gfn, level, SlotRmapImpl.ref(page, index));
    }
  }

  private void checkRange(long startGfn, long endGfn) {
    long limit = Pages.pagesAt(ctx.levels + 1);
    if (startGfn < 0 || startGfn >= endGfn || endGfn > limit) {
      throw new IllegalArgumentException(
          "gfn range ["
              + startGfn
              + ","
              + endGfn
              + ") is empty or outside the tables of root "
              + id
              + ", which map [0,"
              + limit
              + ")");
    }
  }

  private void checkBlock(long gfn, int level) {
    if (level < 1 || level > ctx.maxHugeLevel) {
      throw new IllegalArgumentException(
          "mapping level " + level + " is not in [1, " + ctx.maxHugeLevel + "]");
    }
    if (Pages.alignDown(gfn, level) != gfn) {
      throw new IllegalArgumentException(
          "gfn " + gfn + " is not aligned to a level-" + level + " block");
    }
    checkRange(gfn, gfn + Pages.pagesAt(level));
  }

  @Override
  public String toString() {
    return (shadow ? "shadow root " : mirror ? "mirror root " : "root ")
        + id
        + " of as "
        + addressSpace()
        + (valid ? "" : " (invalid)");
  }
}
