package dev.walkspec.runtime.mmu;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Actor;

/**
 * A depth-first walk over the present leaves of one root that intersect {@code [start, end)}. It
 * keeps the path of table pages it descended through, so moving to the next leaf costs one entry
 * load in the common case. Concurrently zapped entries are skipped (H6); a subtree unlinked under a
 * lockless walker stays readable until its grace period ends (H3).
 */
final class TableWalk implements EntryCursor {
  private final RadixRoot root;
  private final MmuContext ctx;
  private final EntryCodec codec;
  private final long end;
  private final TablePage[] path;
  private int level;
  private long pos;
  private TablePage page;
  private int index;
  private int leafLevel;
  private long leafGfn;
  private long leafValue;

  TableWalk(RadixRoot root, MmuContext ctx, long start, long end) {
    this.root = root;
    this.ctx = ctx;
    this.codec = ctx.codec;
    this.end = end;
    this.path = new TablePage[ctx.levels + 1];
    this.level = ctx.levels;
    this.path[level] = root.top();
    this.pos = start;
  }

  @Override
  public boolean next() {
    if (page != null) {
      pos = leafGfn + Pages.pagesAt(leafLevel);
      page = null;
    }
    while (pos < end) {
      TablePage at = path[level];
      if (pos < at.baseGfn() || pos - at.baseGfn() >= Pages.pagesAt(level + 1)) {
        level++;
        continue;
      }
      int i = Pages.indexAt(pos, level);
      long entry = at.load(i);
      if (!codec.present(entry)) {
        pos = Pages.alignDown(pos, level) + Pages.pagesAt(level);
      } else if (codec.isLeaf(entry, level)) {
        page = at;
        index = i;
        leafLevel = level;
        leafGfn = Pages.alignDown(pos, level);
        leafValue = entry;
        return true;
      } else {
        if (!ctx.mayRead()) {
          ctx.checkReadContext("descending into the tables of root " + root.id());
        }
        path[level - 1] = ctx.child(entry, at);
        level--;
      }
    }
    return false;
  }

  @Override
  public long gfn() {
    current();
    return leafGfn;
  }

  @Override
  public int level() {
    current();
    return leafLevel;
  }

  @Override
  public long load() {
    return current().load(index);
  }

  @Override
  public long value() {
    current();
    return leafValue;
  }

  @Override
  public boolean compareAndSet(long expected, long update) {
    return current().compareAndSet(index, expected, update);
  }

  @Override
  public long fetchAnd(long mask) {
    return current().fetchAnd(index, mask);
  }

  @Override
  public long fetchOr(long mask) {
    return current().fetchOr(index, mask);
  }

  @Override
  public long exchange(long value) {
    return current().exchange(index, value);
  }

  @Override
  public void store(long value) {
    checkPlainStore(ctx, current(), index);
    page.store(index, value);
  }

  @Override
  public boolean zap() {
    TablePage at = current();
    if (!ctx.holdsExclusive()) {
      ctx.checkStructural(
          "zapping gfn " + leafGfn + " (level " + leafLevel + ") of root " + root.id());
    }
    long old = at.exchange(index, 0);
    if (!codec.present(old)) {
      return false;
    }
    root.leafRemoved(at, index, leafLevel, leafGfn);
    return true;
  }

  /** A plain store races with lockless atomic updates unless the MMU lock is held (H4). */
  static void checkPlainStore(MmuContext ctx, TablePage page, int index) {
    Actor me = Actor.current();
    if (me.heldMode(ctx.lock, 0) == null) {
      throw new RuleViolation(
          "H4",
          "plain store to entry "
              + index
              + " of table page #"
              + page.id()
              + " by actor '"
              + me.name()
              + "' without the MMU lock; a lockless update must be an atomic read-modify-write");
    }
  }

  private TablePage current() {
    if (page == null) {
      throw new IllegalStateException("no current entry: call next() first");
    }
    return page;
  }
}
