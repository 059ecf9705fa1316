package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Shared;

/** A step's footprint by name (stable across runs): the op, the object's name and the entry. */
record StepKey(Op op, String target, long index) {
  /**
   * Stands in for the one object two steps named alike touch (objects of different runs differ).
   */
  private static final Shared SAME = () -> "same";

  /**
   * Whether two steps commute: on objects named differently, or as {@link Op#independent} says for
   * one object.
   */
  static boolean independent(StepKey a, StepKey b) {
    return !a.target.equals(b.target) || Op.independent(a.op, SAME, a.index, b.op, SAME, b.index);
  }

  @Override
  public String toString() {
    return op.render() + " " + target + (index >= 0 ? "[" + index + "]" : "");
  }
}
