package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Shared;
import java.util.Map;

/** A step's footprint by name (stable across runs): the op, the object's name and the entry. */
record StepKey(Op op, String target, long index) {
  /**
   * Whether two steps commute ({@link Op#independent} on the objects named alike). {@code names}
   * interns one stand-in object per name, since objects of different runs are different instances.
   */
  static boolean independent(StepKey a, StepKey b, Map<String, Shared> names) {
    return Op.independent(
        a.op, intern(a.target, names), a.index, b.op, intern(b.target, names), b.index);
  }

  private static Shared intern(String name, Map<String, Shared> names) {
    return names.computeIfAbsent(name, n -> () -> n);
  }

  @Override
  public String toString() {
    return op.render() + " " + target + (index >= 0 ? "[" + index + "]" : "");
  }
}
