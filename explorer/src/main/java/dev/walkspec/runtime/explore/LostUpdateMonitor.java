package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.mmu.TablePage;
import dev.walkspec.runtime.sched.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * H5: remembers, per actor and entry, the value the actor last saw there (its load, or the result
 * of its own update). A plain store to an entry whose value changed since, in a bit other than
 * Accessed, erases that change; so does an exchange whose new value puts the loaded bits back.
 * Atomic read-modify-writes (fetch-and/or, successful compare-and-swap) never lose an update.
 */
final class LostUpdateMonitor implements Monitor {
  private final RunContext run;
  private final EntryCodec codec;
  private final long lossy;
  private final Map<Long, Seen[]> seen = new HashMap<>();
  private final Map<Long, Change> changes = new HashMap<>();
  private Step writing;
  private long before;

  /** What an actor last saw of an entry, and at which step. */
  private record Seen(long value, int step) {}

  /** The last change of an entry. */
  private record Change(int actor, long from, long to, int step) {}

  LostUpdateMonitor(RunContext run) {
    this.run = run;
    this.codec = run.world().codec();
    this.lossy = ~codec.accessedMask();
  }

  @Override
  public void beforeStep(Step step) {
    if (!(step.target() instanceof TablePage) || step.index() < 0) {
      return;
    }
    TablePage page = (TablePage) step.target();
    int index = (int) step.index();
    long current = page.peek(index);
    long key = key(page, index);
    if (step.op() == Op.LOAD) {
      remember(key, step.actor(), current, step.number());
      return;
    }
    writing = step;
    before = current;
    if (step.op() == Op.STORE) {
      Seen base = seenBy(key, step.actor());
      if (base != null && ((current ^ base.value) & lossy) != 0) {
        throw lost("plain store", step, page, index, base, current);
      }
    }
  }

  @Override
  public void afterStep(Step step) {
    if (step != writing) {
      return;
    }
    writing = null;
    TablePage page = (TablePage) step.target();
    int index = (int) step.index();
    long after = page.peek(index);
    long key = key(page, index);
    Seen base = seenBy(key, step.actor());
    if (step.op() == Op.EXCHANGE && base != null && codec.present(after)) {
      long changed = (before ^ base.value) & lossy;
      if (changed != 0 && ((after ^ base.value) & changed) == 0) {
        throw lost("exchange", step, page, index, base, before);
      }
    }
    if (after != before) {
      changes.put(key, new Change(step.actor(), before, after, step.number()));
      remember(key, step.actor(), after, step.number());
    } else if (step.op() != Op.CAS) {
      remember(key, step.actor(), after, step.number());
    }
  }

  private Violation lost(
      String how, Step step, TablePage page, int index, Seen base, long current) {
    long changed = (current ^ base.value) & lossy;
    Change change = changes.get(key(page, index));
    String by =
        change == null || change.actor == step.actor()
            ? "another actor since"
            : "'"
                + run.actorName(change.actor)
                + "' at step "
                + change.step
                + " ("
                + Report.hex(change.from)
                + " -> "
                + Report.hex(change.to)
                + ")";
    boolean zapped = codec.present(base.value) && !codec.present(current);
    boolean lockless = run.actor(step.actor()).heldMode(run.world().mmuLock(), 0) == null;
    List<String> related = new ArrayList<>();
    if (lockless) {
      related.add("H4");
    }
    if (zapped) {
      related.add("H12");
    }
    String message =
        "H5: "
            + how
            + " by '"
            + step.actorName()
            + "'"
            + (lockless ? " (lockless)" : " (holding the MMU lock)")
            + " to "
            + page.sharedName()
            + "["
            + index
            + "] (gfn "
            + page.gfnOf(index)
            + ", level "
            + page.level()
            + ") "
            + (zapped ? "brings back the mapping zapped by " : "erases the change made by ")
            + by
            + ": it saw "
            + Report.hex(base.value)
            + " at step "
            + base.step
            + ", since then "
            + Invariants.bits(changed, codec)
            + " changed, and only the Accessed bit may be lost"
            + (lockless ? "; a lockless update must be an atomic read-modify-write (H4)" : "");
    return new Violation("H5", related, "lost update", message);
  }

  private void remember(long key, int actor, long value, int step) {
    Seen[] byActor = seen.computeIfAbsent(key, k -> new Seen[run.actorCount()]);
    byActor[actor] = new Seen(value, step);
  }

  private Seen seenBy(long key, int actor) {
    Seen[] byActor = seen.get(key);
    return byActor == null ? null : byActor[actor];
  }

  private static long key(TablePage page, int index) {
    return (page.id() << 9) | index;
  }
}
