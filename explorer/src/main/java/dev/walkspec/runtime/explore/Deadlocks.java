package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.api.MmuLock;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import java.util.ArrayList;
import java.util.List;

/** Turns "every live actor is blocked" into a failure naming the wait-for cycle. */
final class Deadlocks {
  private Deadlocks() {}

  static Failure failure(RunContext run, Blocked[] blocked, int[] state, int blockedState) {
    int n = run.actorCount();
    List<List<Integer>> waitsFor = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      List<Integer> holders = new ArrayList<>();
      if (state[a] == blockedState) {
        for (Actor holder : blocked[a].holders()) {
          for (int b = 0; b < n; b++) {
            if (run.actor(b) == holder && !holders.contains(b)) {
              holders.add(b);
            }
          }
        }
      }
      waitsFor.add(holders);
    }
    List<Integer> cycle = cycle(waitsFor, state, blockedState);
    List<Integer> involved = new ArrayList<>();
    if (cycle != null) {
      involved.addAll(cycle);
    } else {
      for (int a = 0; a < n; a++) {
        if (state[a] == blockedState) {
          involved.add(a);
        }
      }
    }
    StringBuilder why = new StringBuilder();
    for (int a : involved) {
      if (why.length() > 0) {
        why.append("; ");
      }
      why.append('\'').append(run.actorName(a)).append("' ").append(blocked[a].describe());
    }
    String what;
    if (cycle != null) {
      StringBuilder path = new StringBuilder();
      for (int a : cycle) {
        path.append('\'').append(run.actorName(a)).append("' -> ");
      }
      path.append('\'').append(run.actorName(cycle.get(0))).append('\'');
      what = "deadlock: wait-for cycle " + path + ": " + why;
    } else {
      what = "deadlock: every actor that has not finished is blocked: " + why;
    }
    int culprit = locklessLockTaker(run, blocked, involved);
    if (culprit >= 0) {
      return new Failure(
          "H1",
          List.of(),
          "deadlock (wait-for cycle)",
          "H1: actor '"
              + run.actorName(culprit)
              + "' takes the MMU lock inside a lockless handler; "
              + what,
          culprit,
          0);
    }
    return new Failure(
        "deadlock", List.of(), "deadlock (wait-for cycle)", what, involved.get(0), 0);
  }

  /**
   * An actor blocked on the MMU lock while in a non-blockable context without holding the lock:
   * that is a lockless handler (a locked one already holds the lock), which must not take it (H1).
   */
  private static int locklessLockTaker(RunContext run, Blocked[] blocked, List<Integer> involved) {
    for (int a : involved) {
      Actor actor = run.actor(a);
      if (blocked[a].target() instanceof MmuLock
          && actor.nonBlockable()
          && actor.heldMode(blocked[a].target(), 0) == null) {
        return a;
      }
    }
    return -1;
  }

  private static List<Integer> cycle(List<List<Integer>> waitsFor, int[] state, int blockedState) {
    int n = waitsFor.size();
    for (int start = 0; start < n; start++) {
      if (state[start] != blockedState) {
        continue;
      }
      List<Integer> path = new ArrayList<>();
      List<Integer> found = search(start, waitsFor, path, new boolean[n]);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static List<Integer> search(
      int at, List<List<Integer>> waitsFor, List<Integer> path, boolean[] onPath) {
    if (onPath[at]) {
      return new ArrayList<>(path.subList(path.indexOf(at), path.size()));
    }
    onPath[at] = true;
    path.add(at);
    for (int next : waitsFor.get(at)) {
      List<Integer> found = search(next, waitsFor, path, onPath);
      if (found != null) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    onPath[at] = false;
    return null;
  }
}
