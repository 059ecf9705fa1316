package dev.walkspec.arch.testing;

import dev.walkspec.runtime.mmu.TablePage;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A non-cooperative scheduler that makes "concurrent" steps deterministic in a single thread: when
 * armed, it runs a step of another party (the hardware setting Dirty, a zap, a guest touching the
 * page) right before the next entry operation of the chosen kinds, i.e. between the handler's load
 * and its write. It also counts every operation by kind. Steps it runs do not trigger it again.
 */
public final class Interposer implements Scheduler {
  /** Another party's step on the entry about to be accessed. */
  @FunctionalInterface
  public interface Step {
    void run(TablePage page, int index);
  }

  private final Map<Op, Integer> counts = new EnumMap<>(Op.class);
  private Set<Op> armedOps = EnumSet.noneOf(Op.class);
  private Step step;
  private int remaining;
  private int fired;
  private boolean inside;

  /**
   * Runs {@code step} before each of the next {@code times} entry operations of kinds {@code ops}.
   */
  public void arm(Set<Op> ops, int times, Step step) {
    this.armedOps = EnumSet.copyOf(ops);
    this.remaining = times;
    this.step = step;
    this.fired = 0;
  }

  public void disarm() {
    step = null;
    remaining = 0;
  }

  /** How often the armed step ran. */
  public int fired() {
    return fired;
  }

  /** Operations of this kind since the last {@link #resetCounts()}. */
  public int count(Op op) {
    return counts.getOrDefault(op, 0);
  }

  public void resetCounts() {
    counts.clear();
  }

  @Override
  public void yieldPoint(Op op, Shared target, long index) {
    if (inside) {
      return;
    }
    counts.merge(op, 1, Integer::sum);
    if (step == null
        || remaining == 0
        || !armedOps.contains(op)
        || !(target instanceof TablePage)
        || index < 0) {
      return;
    }
    remaining--;
    fired++;
    inside = true;
    try {
      step.run((TablePage) target, (int) index);
    } finally {
      inside = false;
    }
  }

  @Override
  public void block(Blocked blocked, int attempt) {
    throw new AssertionError("single-threaded test world blocked: " + blocked.describe());
  }

  @Override
  public boolean cooperative() {
    return false;
  }
}
