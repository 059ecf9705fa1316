package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Shared;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One step of a run: what one actor did from one yield point to its next one (or until it blocked
 * or finished). It is named by the yield point that began it: the operation, the object and the
 * entry. A resumed step is an actor retrying after it was blocked.
 */
@API(status = INTERNAL)
public final class Step {
  /** No value was recorded. */
  static final long NO_VALUE = Long.MIN_VALUE;

  private final int number;
  private final int actor;
  private final String actorName;
  private final Op op;
  private final Shared target;
  private final String targetName;
  private final long index;
  private final boolean resumed;
  private final boolean preemption;
  String call;
  long before = NO_VALUE;
  long after = NO_VALUE;
  String blockedOn;
  boolean failed;
  List<String> notes;

  Step(
      int number,
      int actor,
      String actorName,
      Op op,
      Shared target,
      String targetName,
      long index,
      boolean resumed,
      boolean preemption) {
    this.number = number;
    this.actor = actor;
    this.actorName = actorName;
    this.op = op;
    this.target = target;
    this.targetName = targetName;
    this.index = index;
    this.resumed = resumed;
    this.preemption = preemption;
  }

  /** 1-based position in the run. */
  public int number() {
    return number;
  }

  /** The actor's number in the scenario. */
  public int actor() {
    return actor;
  }

  public String actorName() {
    return actorName;
  }

  public Op op() {
    return op;
  }

  /** The object the step touches (a table page, a lock, a TLB, ...). */
  public Shared target() {
    return target;
  }

  public String targetName() {
    return targetName;
  }

  /** The entry or sub-lock, or -1 for the whole object. */
  public long index() {
    return index;
  }

  /** Whether the actor resumes here after having been blocked. */
  public boolean resumed() {
    return resumed;
  }

  /** Whether another actor could have gone on when this one was picked. */
  public boolean preemption() {
    return preemption;
  }

  void note(String text) {
    if (notes == null) {
      notes = new ArrayList<>(2);
    }
    notes.add(text);
  }

  /** E.g. {@code load page#2[0]}. */
  public String describe() {
    return (resumed ? "retry " : "")
        + op.render()
        + " "
        + targetName
        + (index >= 0 ? "[" + target.renderIndex(index) + "]" : "");
  }

  @Override
  public String toString() {
    return number + " " + actorName + ": " + describe();
  }
}
