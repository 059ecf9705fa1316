package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.mmu.InvalidationState;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.mmu.TablePage;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.vcpu.Vcpu;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * H12 and H13 from the invalidation bookkeeping (world events of begin, range and end), handler
 * calls (which address space a recorded range belongs to), faults' sequence snapshots, maps, zaps,
 * TLB fills and accesses.
 *
 * <p>An invalidation counts as returned once the actor that began it holds neither the MMU lock nor
 * an SRCU read section: its walk is over. From then until its end, no TLB and no table may map the
 * range and no vCPU may reach it (H12). While it is in progress, nothing may install a mapping in
 * its range, and a fault whose sequence snapshot is older than the end of an invalidation of a gfn
 * must not map that gfn (H13). A vCPU access is checked by its TLB hits and fills: a hardware walk
 * that read the entry before the zap completes after it, but its fill is dropped by the flush, as a
 * remote flush waits for walks in flight. Independently, a mapping that was zapped may come back
 * only by a mapping call (a fault's install), never by a write to the entry (H12: a lost zap).
 */
final class InvalidationMonitor implements Monitor {
  private static final int UNKNOWN_AS = -1;

  private final RunContext run;
  private final boolean staleChecks;
  private final boolean retryChecks;
  private final World world;
  private final EntryCodec codec;
  private final List<Episode> episodes = new ArrayList<>();
  private final Map<String, Integer> handlerAs = new HashMap<>();
  private final Map<String, Integer> snapshots = new HashMap<>();
  private final Map<Long, Zapped> zapped = new HashMap<>();
  private boolean mappedInStep;

  /** One invalidate_begin .. end, its recorded ranges, and whether it has returned. */
  private static final class Episode {
    final String actor;
    final int began;
    final List<long[]> ranges = new ArrayList<>();
    int ended = -1;
    boolean returned;

    Episode(String actor, int began) {
      this.actor = actor;
      this.began = began;
    }

    boolean open() {
      return ended < 0;
    }

    boolean covers(int as, long gfn) {
      for (long[] range : ranges) {
        if ((range[0] == UNKNOWN_AS || range[0] == as) && gfn >= range[1] && gfn < range[2]) {
          return true;
        }
      }
      return false;
    }

    String describe() {
      StringBuilder text = new StringBuilder();
      for (long[] range : ranges) {
        if (text.length() > 0) {
          text.append(", ");
        }
        text.append('[').append(range[1]).append(',').append(range[2]).append(')');
        if (range[0] != UNKNOWN_AS) {
          text.append(" of as ").append(range[0]);
        }
      }
      return "the invalidation of gfn " + text + " begun by '" + actor + "'";
    }
  }

  /** Who zapped a block, when. */
  private record Zapped(String actor, int step) {}

  InvalidationMonitor(RunContext run, boolean staleChecks, boolean retryChecks) {
    this.run = run;
    this.staleChecks = staleChecks;
    this.retryChecks = retryChecks;
    this.world = run.world();
    this.codec = world.codec();
    InvalidationState state = world.invalidation();
    if (state.inProgressNow() > 0) {
      Episode setup = new Episode("setup", 0);
      if (state.rangeStart() >= 0) {
        setup.ranges.add(new long[] {UNKNOWN_AS, state.rangeStart(), state.rangeEnd()});
      }
      setup.returned = true;
      episodes.add(setup);
    }
  }

  @Override
  public void beforeStep(Step step) {
    mappedInStep = false;
  }

  @Override
  public void event(Step step, WorldEvent event) {
    int now = step == null ? run.steps() : step.number();
    if (event instanceof WorldEvent.HandlerCall) {
      WorldEvent.HandlerCall call = (WorldEvent.HandlerCall) event;
      handlerAs.put(call.actor(), call.as());
    } else if (event instanceof WorldEvent.Invalidate) {
      invalidate((WorldEvent.Invalidate) event, now);
    } else if (event instanceof WorldEvent.SequenceRead) {
      snapshots.put(((WorldEvent.SequenceRead) event).actor(), now);
    } else if (event instanceof WorldEvent.Zap) {
      WorldEvent.Zap zap = (WorldEvent.Zap) event;
      zapped.put(block(zap.as(), zap.gfn(), zap.level()), new Zapped(actorOf(step), now));
    } else if (event instanceof WorldEvent.Map) {
      mapped((WorldEvent.Map) event, step, now);
    } else if (event instanceof WorldEvent.Access
        && staleChecks
        && ((WorldEvent.Access) event).tlbHit()) {
      // A hit through the page tables is checked where it matters: its TLB fill (a fill of a walk
      // that a flush overtook is dropped; that access happened before the flush) and the tables'
      // state when the invalidation returned.
      WorldEvent.Access access = (WorldEvent.Access) event;
      Episode episode = returnedCovering(access.as(), access.gfn());
      if (episode != null) {
        throw new Violation(
            "H12",
            "stale translation",
            "H12: vCPU "
                + access.vcpu()
                + " ('"
                + access.actor()
                + "') reached gfn "
                + access.gfn()
                + " through its TLB"
                + " after "
                + episode.describe()
                + " returned and before its end");
      }
    } else if (event instanceof WorldEvent.TlbFill && staleChecks) {
      WorldEvent.TlbFill fill = (WorldEvent.TlbFill) event;
      Episode episode = returnedCovering(fill.as(), fill.gfn());
      if (episode != null) {
        throw new Violation(
            "H12",
            "stale translation",
            "H12: tlb[vcpu "
                + fill.vcpu()
                + "] was filled with gfn "
                + fill.gfn()
                + " after "
                + episode.describe()
                + " returned and before its end");
      }
    }
  }

  private void invalidate(WorldEvent.Invalidate event, int now) {
    switch (event.change()) {
      case "begin":
        episodes.add(new Episode(event.actor(), now));
        break;
      case "range":
        {
          Episode episode = openOf(event.actor());
          if (episode != null) {
            int as = handlerAs.getOrDefault(event.actor(), UNKNOWN_AS);
            episode.ranges.add(new long[] {as, event.start(), event.end()});
          }
          break;
        }
      case "end":
        {
          Episode episode = openOf(event.actor());
          if (episode == null) {
            episode = oldestOpen();
          }
          if (episode != null) {
            episode.ended = now;
          }
          break;
        }
      default:
        break;
    }
  }

  private void mapped(WorldEvent.Map map, Step step, int now) {
    mappedInStep = true;
    long pages = Pages.pagesAt(map.level());
    for (Map.Entry<Long, Zapped> entry : new ArrayList<>(zapped.entrySet())) {
      long key = entry.getKey();
      if ((int) (key >>> 56) == map.as()) {
        long gfn = key & ((1L << 48) - 1);
        if (gfn < map.gfn() + pages
            && map.gfn() < gfn + Pages.pagesAt((int) ((key >>> 48) & 0xff))) {
          zapped.remove(key);
        }
      }
    }
    if (!retryChecks) {
      return;
    }
    String actor = actorOf(step);
    for (Episode episode : episodes) {
      long gfn = nextCovered(episode, map, map.gfn());
      if (gfn < 0) {
        continue;
      }
      if (episode.open()) {
        throw new Violation(
            "H13",
            "install during invalidation",
            "H13: '"
                + actor
                + "' installed a mapping of gfn "
                + gfn
                + (map.level() > 1 ? " (level " + map.level() + ")" : "")
                + " at step "
                + now
                + " while "
                + episode.describe()
                + " was in progress: the fault had to retry");
      }
      Integer snapshot = snapshots.get(actor);
      if (snapshot != null && episode.ended > snapshot) {
        throw new Violation(
            "H13",
            "install after a racing invalidation",
            "H13: '"
                + actor
                + "' installed a mapping of gfn "
                + gfn
                + " at step "
                + now
                + " after "
                + episode.describe()
                + " ended at step "
                + episode.ended
                + ", but its sequence snapshot is from step "
                + snapshot
                + ": the fault raced with the invalidation and had to retry");
      }
    }
  }

  /** The first gfn from {@code gfn} on in the mapped block that the episode covers, or -1. */
  private static long nextCovered(Episode episode, WorldEvent.Map map, long gfn) {
    long end = map.gfn() + Pages.pagesAt(map.level());
    for (long[] range : episode.ranges) {
      if (range[0] != UNKNOWN_AS && range[0] != map.as()) {
        continue;
      }
      long lo = Math.max(gfn, range[1]);
      if (lo < Math.min(end, range[2])) {
        return lo;
      }
    }
    return -1;
  }

  @Override
  public void afterStep(Step step) {
    if (staleChecks && step.target() instanceof TablePage && step.index() >= 0) {
      if (step.op() != Op.LOAD && !mappedInStep) {
        checkResurrection(step, (TablePage) step.target(), (int) step.index());
      }
    }
    mappedInStep = false;
    if (!staleChecks) {
      return;
    }
    Actor actor = run.actor(step.actor());
    for (Episode episode : episodes) {
      if (episode.open()
          && !episode.returned
          && episode.actor.equals(step.actorName())
          && !episode.ranges.isEmpty()
          && actor.heldMode(world.mmuLock(), 0) == null
          && world.srcu().nesting(actor) == 0) {
        episode.returned = true;
        checkUnreachable(episode, step);
      }
    }
  }

  private void checkResurrection(Step step, TablePage page, int index) {
    if (page.unlinked()) {
      return;
    }
    long value = page.peek(index);
    if (!codec.isLeaf(value, page.level())) {
      return;
    }
    long gfn = page.gfnOf(index);
    Zapped zap = zapped.get(block(page.addressSpace(), gfn, page.level()));
    if (zap == null) {
      return;
    }
    throw new Violation(
        "H12",
        List.of("H5"),
        "zapped mapping returns without a fault",
        "H12: gfn "
            + gfn
            + " (level "
            + page.level()
            + ", as "
            + page.addressSpace()
            + ") was zapped by '"
            + zap.actor
            + "' at step "
            + zap.step
            + " and is mapped again by the "
            + step.op().render()
            + " of '"
            + step.actorName()
            + "' to "
            + page.sharedName()
            + "["
            + index
            + "] at step "
            + step.number()
            + " ("
            + Report.hex(value)
            + "): a lost zap, only a fault may map it again");
  }

  /**
   * The walk of invalidate_range_start returned: nothing may reach the range any more. The tables
   * are checked before the TLBs: a mapping left in a root is the cause (the handler did not zap
   * it), a TLB entry over zapped tables is a missing flush.
   */
  private void checkUnreachable(Episode episode, Step step) {
    for (long[] range : episode.ranges) {
      int from = range[0] == UNKNOWN_AS ? 0 : (int) range[0];
      int to = range[0] == UNKNOWN_AS ? world.addressSpaces() : from + 1;
      for (int as = from; as < to; as++) {
        for (RadixRoot root : world.mmu(as).peekAllRoots()) {
          long gfn = root.firstMapped(range[1], range[2]);
          if (gfn >= 0) {
            throw new Violation(
                "H12",
                List.of("H9"),
                "stale translation",
                "H12: "
                    + episode.describe()
                    + " returned (step "
                    + step.number()
                    + "), but "
                    + root
                    + " still maps gfn "
                    + gfn
                    + ": the unmap handler did not zap it");
          }
        }
        for (Vcpu vcpu : world.vcpus()) {
          long gfn = vcpu.tlb().firstMapped(as, range[1], range[2]);
          if (gfn >= 0) {
            throw new Violation(
                "H12",
                List.of("H11"),
                "stale translation",
                "H12: "
                    + episode.describe()
                    + " returned (step "
                    + step.number()
                    + "), but tlb[vcpu "
                    + vcpu.id()
                    + "] still maps gfn "
                    + gfn
                    + ": the unmap handler's result did not ask for the flush");
          }
        }
      }
    }
  }

  private Episode returnedCovering(int as, long gfn) {
    for (Episode episode : episodes) {
      if (episode.open() && episode.returned && episode.covers(as, gfn)) {
        return episode;
      }
    }
    return null;
  }

  private Episode openOf(String actor) {
    for (Episode episode : episodes) {
      if (episode.open() && episode.actor.equals(actor)) {
        return episode;
      }
    }
    return null;
  }

  private Episode oldestOpen() {
    for (Episode episode : episodes) {
      if (episode.open()) {
        return episode;
      }
    }
    return null;
  }

  private String actorOf(Step step) {
    return step == null ? "setup" : step.actorName();
  }

  private static long block(int as, long gfn, int level) {
    return ((long) as << 56) | ((long) level << 48) | gfn;
  }
}
