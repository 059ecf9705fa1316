package dev.walkspec.runtime.mmu;

import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.sched.Actor;

/**
 * What the table walk and the rmap walk share: the current entry is slot {@code index} of table
 * page {@code page}, and reads and updates of it go to that slot, atomically (H4), or by a plain
 * store that only the MMU lock's holder may make.
 */
abstract class LeafCursor implements EntryCursor {
  final MmuContext ctx;
  TablePage page;
  int index;
  long leafValue;

  LeafCursor(MmuContext ctx) {
    this.ctx = ctx;
  }

  /** The page of the current entry; fails when there is none (or the cursor cannot be used). */
  abstract TablePage current();

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
}
