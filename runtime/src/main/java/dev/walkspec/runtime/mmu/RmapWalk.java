package dev.walkspec.runtime.mmu;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.trace.WorldEvent;
import java.util.Arrays;

/**
 * The entries of one locked rmap head. The chain cannot change while the lock is held; entries can
 * still turn non-present through a concurrent table-walk zap, and are then skipped (H6). Zaps made
 * through this cursor unlink their refs when it is closed.
 */
final class RmapWalk extends LeafCursor implements RmapCursor {
  private final SlotRmapImpl rmap;
  private final EntryCodec codec;
  private final int level;
  private final int headIndex;
  private long head;
  private boolean singlePending;
  private int node;
  private long[] zapped = new long[0];
  private boolean closed;

  RmapWalk(SlotRmapImpl rmap, MmuContext ctx, int level, int headIndex, long head) {
    super(ctx);
    this.rmap = rmap;
    this.codec = ctx.codec;
    this.level = level;
    this.headIndex = headIndex;
    this.head = head;
    this.singlePending = SlotRmapImpl.isSingle(head);
    this.node = head != 0 && !singlePending ? SlotRmapImpl.linkOf(head) : -1;
  }

  @Override
  public boolean next() {
    checkOpen();
    while (true) {
      long ref;
      if (singlePending) {
        singlePending = false;
        ref = SlotRmapImpl.singleRef(head);
      } else if (node >= 0) {
        ref = ctx.arena.ref(node);
        node = ctx.arena.next(node);
      } else {
        page = null;
        return false;
      }
      TablePage candidate = ctx.registry.get(SlotRmapImpl.pageIdOf(ref));
      int candidateIndex = SlotRmapImpl.indexOf(ref);
      long entry = candidate == null ? 0 : candidate.load(candidateIndex);
      if (candidate != null && codec.isLeaf(entry, level)) {
        page = candidate;
        index = candidateIndex;
        leafValue = entry;
        return true;
      }
    }
  }

  @Override
  public long gfn() {
    return current().gfnOf(index);
  }

  @Override
  public int level() {
    current();
    return level;
  }

  @Override
  public boolean zap() {
    TablePage at = current();
    if (!ctx.holdsExclusive()) {
      ctx.checkStructural("zapping gfn " + at.gfnOf(index) + " (level " + level + ") via the rmap");
    }
    long old = at.exchange(index, 0);
    if (!codec.present(old)) {
      return false;
    }
    zapped = Arrays.copyOf(zapped, zapped.length + 1);
    zapped[zapped.length - 1] = SlotRmapImpl.ref(at, index);
    if (ctx.events.enabled()) {
      ctx.events.emit(
          new WorldEvent.Zap(rmap.slot().addressSpace(), at.rootId(), at.gfnOf(index), level));
    }
    // Last: with a waiting task it may refuse a hold that is too long (H14), after the zap's own
    // bookkeeping.
    ctx.zapped(at.gfnOf(index));
    return true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (long ref : zapped) {
      head = rmap.without(head, ref);
    }
    rmap.unlockHead(level, headIndex, head);
  }

  @Override
  TablePage current() {
    checkOpen();
    if (page == null) {
      throw new IllegalStateException("no current rmap entry: call next() first");
    }
    return page;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "rmap cursor used after close (level " + level + ", head " + headIndex + ")");
    }
  }

  static int shift(int level) {
    return Pages.LEVEL_BITS * (level - 1);
  }
}
