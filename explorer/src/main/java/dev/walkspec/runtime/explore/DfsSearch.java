package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.sched.Shared;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stateless depth-first search over the schedules of at most {@code bound} preemptions, with sleep
 * sets for partial-order reduction. Each run replays the choices of the current path and then
 * follows the default policy; afterwards the deepest decision with an untried choice is changed.
 *
 * <p>A preemption is picking another actor while the one that ran last could go on. Sleep sets
 * (Godefroid) skip a choice when an equivalent schedule, with the same steps up to the order of
 * independent neighbours, was explored. Under a preemption bound that equivalent schedule may need
 * more preemptions than the skipped one and so lie outside the bound; an explored sibling {@code u}
 * therefore only goes to sleep when moving its step earlier cannot add a preemption: {@code u} was
 * the actor that ran last (no preemption to pick it), or {@code u} could not go on right after its
 * step (finished or blocked, so no preemption to leave it). With that restriction a schedule within
 * the bound is skipped only if an equivalent one within the bound is explored, so "exhausted" means
 * every schedule of at most {@code bound} preemptions was run or is equivalent to one that was.
 */
final class DfsSearch {
  /** How much the search reduces. */
  enum Reduction {
    /** Every schedule within the bound. */
    NONE,
    /** Textbook sleep sets: unsound under a preemption bound (kept to show why, in a test). */
    NAIVE_SLEEP_SETS,
    /** Sleep sets restricted to siblings whose move cannot add a preemption (the default). */
    BOUNDED_SLEEP_SETS
  }

  private final int bound;
  private final Reduction reduction;
  private final Map<String, Shared> names = new HashMap<>();
  private final List<Node> path = new ArrayList<>();
  private int fixed;
  private boolean ended;

  /** One decision on the current path. */
  private static final class Node {
    final Decision decision;
    int chosen;
    int explored;
    int safe;
    int sleep;
    int preemptions;

    Node(Decision decision) {
      this.decision = decision;
    }

    int cost(int actor) {
      return decision.preempts(actor) ? 1 : 0;
    }
  }

  DfsSearch(int bound, Reduction reduction) {
    this.bound = bound;
    this.reduction = reduction;
  }

  /** The chooser for the next run. */
  Chooser chooser() {
    ended = false;
    return this::choose;
  }

  private int choose(Decision d) {
    int i = d.step;
    if (i > 0) {
      recordAfter(path.get(i - 1), d);
    }
    if (i < fixed) {
      Node node = path.get(i);
      check(node.decision, d);
      return node.chosen;
    }
    Node node = new Node(d);
    if (i > 0) {
      Node parent = path.get(i - 1);
      node.preemptions = parent.preemptions + parent.cost(parent.chosen);
      node.sleep = reduction == Reduction.NONE ? 0 : childSleep(parent);
    }
    int pick = defaultPick(node);
    if (pick < 0) {
      return Chooser.STOP;
    }
    node.chosen = pick;
    node.explored = 1 << pick;
    path.add(node);
    return pick;
  }

  /** The run ended; {@code completed} when every actor finished (the last pick then finished). */
  void runEnded(boolean completed) {
    ended = true;
    if (completed && !path.isEmpty()) {
      Node last = path.get(path.size() - 1);
      last.safe |= 1 << last.chosen;
    }
  }

  /**
   * Moves to the next unexplored schedule: false when every schedule within the bound was explored
   * (or skipped as equivalent).
   */
  boolean backtrack() {
    if (!ended) {
      throw new IllegalStateException("backtrack before the run ended");
    }
    for (int i = path.size() - 1; i >= 0; i--) {
      Node node = path.get(i);
      int candidates = node.decision.enabled & ~node.explored & ~node.sleep;
      while (candidates != 0) {
        int actor = Integer.numberOfTrailingZeros(candidates);
        candidates &= candidates - 1;
        if (node.preemptions + node.cost(actor) <= bound) {
          node.chosen = actor;
          node.explored |= 1 << actor;
          path.subList(i + 1, path.size()).clear();
          fixed = i + 1;
          return true;
        }
      }
    }
    path.clear();
    fixed = 0;
    return false;
  }

  private int defaultPick(Node node) {
    Decision d = node.decision;
    int allowed = d.enabled & ~node.sleep;
    if (d.currentEnabled() && (allowed & (1 << d.current)) != 0) {
      return d.current;
    }
    while (allowed != 0) {
      int actor = Integer.numberOfTrailingZeros(allowed);
      allowed &= allowed - 1;
      if (node.preemptions + node.cost(actor) <= bound) {
        return actor;
      }
    }
    return -1;
  }

  /** What the next decision tells about the parent's pick: could it go on after its step? */
  private static void recordAfter(Node parent, Decision next) {
    int u = parent.chosen;
    boolean continuing = parent.decision.currentEnabled() && parent.decision.current == u;
    if (continuing || !next.enabled(u)) {
      parent.safe |= 1 << u;
    }
  }

  private int childSleep(Node parent) {
    int chosen = parent.chosen;
    int siblings =
        reduction == Reduction.NAIVE_SLEEP_SETS ? parent.explored : parent.safe & parent.explored;
    int candidates = (parent.sleep | siblings) & ~(1 << chosen);
    StepKey step = parent.decision.keys[chosen];
    int sleep = 0;
    while (candidates != 0) {
      int actor = Integer.numberOfTrailingZeros(candidates);
      candidates &= candidates - 1;
      StepKey other = parent.decision.keys[actor];
      if (other != null && StepKey.independent(other, step, names)) {
        sleep |= 1 << actor;
      }
    }
    return sleep;
  }

  private static void check(Decision expected, Decision actual) {
    boolean same = expected.enabled == actual.enabled && expected.current == actual.current;
    for (int a = 0; same && a < expected.keys.length; a++) {
      StepKey x = expected.keys[a];
      StepKey y = actual.keys[a];
      same = x == null ? y == null : x.equals(y);
    }
    if (!same) {
      throw new IllegalStateException(
          "the scenario is not deterministic: replaying the same choices reached step "
              + (actual.step + 1)
              + " with other steps ready ("
              + describe(actual)
              + " instead of "
              + describe(expected)
              + "); actors must depend only on the world and the schedule");
    }
  }

  private static String describe(Decision d) {
    StringBuilder text = new StringBuilder();
    for (int a = 0; a < d.keys.length; a++) {
      if (d.keys[a] != null) {
        if (text.length() > 0) {
          text.append(", ");
        }
        text.append(a).append(": ").append(d.keys[a]);
      }
    }
    return text.toString();
  }
}
