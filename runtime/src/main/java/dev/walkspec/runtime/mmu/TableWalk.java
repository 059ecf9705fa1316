package dev.walkspec.runtime.mmu;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.Pages;

/**
 * A depth-first walk over the present leaves of one root that intersect {@code [start, end)}. It
 * keeps the path of table pages it descended through, so moving to the next leaf costs one entry
 * load in the common case. Concurrently zapped entries are skipped (H6); a subtree unlinked under a
 * lockless walker stays readable until its grace period ends (H3).
 */
final class TableWalk extends LeafCursor {
  private final RadixRoot root;
  private final EntryCodec codec;
  private final long end;
  private final TablePage[] path;
  private int level;
  private long pos;
  private int leafLevel;
  private long leafGfn;

  TableWalk(RadixRoot root, MmuContext ctx, long start, long end) {
    super(ctx);
    this.root = root;
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

  @Override
  TablePage current() {
    if (page == null) {
      throw new IllegalStateException("no current entry: call next() first");
    }
    return page;
  }
}
