package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.sched.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The happens-before order of the steps on the current search path, for dynamic partial-order
 * reduction (Flanagan and Godefroid, POPL 2005): which earlier step a pending step races with.
 *
 * <p>Step {@code i} happens before step {@code j} when they are of one actor in that order, or
 * dependent ({@link Op#independent} says no) in that order, or linked by a chain of such pairs.
 * Each step keeps a vector clock: for every actor, the index of that actor's latest step that
 * happens before it (-1: none). Steps are indexed by what they touch (object and entry), so finding
 * the dependent ones reads only the steps on the same entry or on the whole object, not the path.
 */
final class Races {
  private final int actors;
  private final Map<String, Target> targets = new HashMap<>();
  private final List<Recorded> steps = new ArrayList<>();

  /**
   * The steps on one object: all of them, those on the whole object (index -1), and per entry. A
   * step on an entry may depend on the steps on that entry and on the whole object; a step on the
   * whole object on all of them, read from {@code all} in one pass.
   */
  private static final class Target {
    final Ints all = new Ints();
    final Ints whole = new Ints();
    final Map<Long, Ints> entries = new HashMap<>();

    Ints list(long index) {
      return index < 0 ? whole : entries.computeIfAbsent(index, i -> new Ints());
    }

    /**
     * The steps on entry {@code index}, without making a list for it (the race search only reads).
     */
    Ints entry(long index) {
      Ints on = entries.get(index);
      return on == null ? Ints.EMPTY : on;
    }
  }

  /** One step of the path. */
  private record Recorded(
      int actor, StepKey key, int[] clock, int[] lastOf, int switchAt, Target target, Ints in) {}

  Races(int actors) {
    this.actors = actors;
  }

  /** Steps recorded: the path's first {@code size()} steps. */
  int size() {
    return steps.size();
  }

  /** Records the next step of the path: {@code actor} takes {@code key}. */
  void record(int actor, StepKey key) {
    int index = steps.size();
    Recorded previous = index == 0 ? null : steps.get(index - 1);
    int[] lastOf = previous == null ? none() : previous.lastOf.clone();
    int[] clock = lastOf[actor] < 0 ? none() : steps.get(lastOf[actor]).clock.clone();
    Target target = targets.computeIfAbsent(key.target(), t -> new Target());
    Ints in = target.list(key.index());
    if (key.index() < 0) {
      joinAll(clock, target.all, key);
    } else {
      joinAll(clock, target.whole, key);
      joinAll(clock, in, key);
    }
    clock[actor] = index;
    lastOf[actor] = index;
    int switchAt = previous == null || previous.actor != actor ? index : previous.switchAt;
    in.add(index);
    target.all.add(index);
    steps.add(new Recorded(actor, key, clock, lastOf, switchAt, target, in));
  }

  /** Forgets the steps from {@code size} on (the search backtracked to there). */
  void truncate(int size) {
    for (int i = steps.size() - 1; i >= size; i--) {
      Recorded forgotten = steps.remove(i);
      forgotten.in.removeLast(i);
      forgotten.target.all.removeLast(i);
    }
  }

  /**
   * The latest step of another actor that {@code pending}, the next step of {@code actor}, depends
   * on and that does not happen before {@code actor}'s latest step: the two race, so the search
   * must also try them in the other order. -1 when there is none.
   */
  int lastRace(int actor, StepKey pending) {
    Target target = targets.get(pending.target());
    if (target == null) {
      return -1;
    }
    int last = steps.isEmpty() ? -1 : steps.get(steps.size() - 1).lastOf[actor];
    int[] seen = last < 0 ? null : steps.get(last).clock;
    IntPredicate races =
        i -> {
          Recorded step = steps.get(i);
          return step.actor != actor
              && (seen == null || seen[step.actor] < i)
              && !StepKey.independent(step.key, pending);
        };
    if (pending.index() < 0) {
      return target.all.latest(races);
    }
    return Math.max(target.whole.latest(races), target.entry(pending.index()).latest(races));
  }

  /**
   * Where bounded DPOR also tries the other order of a race at step {@code i} (Coons, Musuvathi and
   * McKinley, OOPSLA 2013): the latest step before {@code i} at which the actor changed, or the
   * first step. Running the racing actor at {@code i} itself may cost a preemption that the bound
   * forbids, while there the switch is already being made. -1 for the first step.
   */
  int switchBefore(int i) {
    return i == 0 ? -1 : steps.get(i - 1).switchAt;
  }

  /** Joins into {@code clock} the clock of every step of {@code on} that {@code key} depends on. */
  private void joinAll(int[] clock, Ints on, StepKey key) {
    for (int k = 0; k < on.size; k++) {
      Recorded step = steps.get(on.values[k]);
      if (!StepKey.independent(step.key, key)) {
        for (int a = 0; a < actors; a++) {
          clock[a] = Math.max(clock[a], step.clock[a]);
        }
      }
    }
  }

  private int[] none() {
    int[] clock = new int[actors];
    Arrays.fill(clock, -1);
    return clock;
  }

  /** A growable list of step indices, in increasing order. */
  private static final class Ints {
    /** No steps (shared; never added to). */
    static final Ints EMPTY = new Ints();

    private int[] values = new int[4];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    void removeLast(int expected) {
      if (size == 0 || values[size - 1] != expected) {
        throw new IllegalStateException("steps are forgotten from the last one back");
      }
      size--;
    }

    /** The last value that {@code test} accepts, or -1. */
    int latest(IntPredicate test) {
      for (int i = size - 1; i >= 0; i--) {
        if (test.test(values[i])) {
          return values[i];
        }
      }
      return -1;
    }
  }
}
