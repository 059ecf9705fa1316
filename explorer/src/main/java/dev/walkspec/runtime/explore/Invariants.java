package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The whole-system invariants the explorer checks per step and at the end of a run, one per
 * obligation:
 *
 * <ul>
 *   <li>{@link #lostUpdate()} (H5, with H4 when the writer is lockless): a plain store, or an
 *       exchange that writes back what was loaded, must not erase a change another actor made to a
 *       non-Accessed bit since the writer loaded the entry.
 *   <li>{@link #staleTranslation()} (H12): once an invalidate_range_start returned, no TLB and no
 *       table maps its range and no vCPU reaches it until the matching end; a zapped mapping comes
 *       back only through a fault or a mapping call, never through an entry write.
 *   <li>{@link #retryProtocol()} (H13): no mapping is installed in a range while its invalidation
 *       is in progress, nor by a fault whose sequence snapshot predates an invalidation of it.
 *   <li>{@link #lockBalance()} (H2): an actor finishes holding no lock and inside no read section.
 * </ul>
 */
@API(status = INTERNAL)
public final class Invariants {
  private static final List<Invariant> STANDARD =
      List.of(lostUpdate(), staleTranslation(), retryProtocol(), lockBalance());

  private Invariants() {}

  /** All of them. */
  public static List<Invariant> standard() {
    return STANDARD;
  }

  /** The standard invariants of the given obligations ({@code "H5", "H12"}). */
  public static List<Invariant> of(String... obligations) {
    List<Invariant> chosen = new ArrayList<>();
    for (String obligation : obligations) {
      boolean found = false;
      for (Invariant invariant : STANDARD) {
        if (invariant.obligation().equals(obligation)) {
          chosen.add(invariant);
          found = true;
        }
      }
      if (!found) {
        throw new IllegalArgumentException(
            "no standard invariant checks " + obligation + " (there are H2, H5, H12, H13)");
      }
    }
    return List.copyOf(chosen);
  }

  static boolean isStandard(List<Invariant> invariants) {
    return invariants.equals(STANDARD);
  }

  /** H5: no lost update of a non-Accessed bit. */
  public static Invariant lostUpdate() {
    return new Standard(
        "H5",
        "no lost update of a non-Accessed bit (plain store or stale exchange)",
        "Invariants.lostUpdate()") {
      @Override
      public Monitor monitor(RunContext run) {
        return new LostUpdateMonitor(run);
      }
    };
  }

  /** H12: no stale translation after invalidate_range_start returned; zapped stays unmapped. */
  public static Invariant staleTranslation() {
    return new Standard(
        "H12",
        "no TLB or table reaches an invalidated range; a zapped mapping returns only by a fault",
        "Invariants.staleTranslation()") {
      @Override
      public Monitor monitor(RunContext run) {
        return new InvalidationMonitor(run, true, false);
      }
    };
  }

  /** H13: faults that raced with an invalidation install nothing in its range. */
  public static Invariant retryProtocol() {
    return new Standard(
        "H13",
        "no mapping installed in a range during its invalidation or by a fault that raced with it",
        "Invariants.retryProtocol()") {
      @Override
      public Monitor monitor(RunContext run) {
        return new InvalidationMonitor(run, false, true);
      }
    };
  }

  /** H2: every actor finishes holding no lock and outside every read section. */
  public static Invariant lockBalance() {
    return new Standard(
        "H2",
        "every actor finishes holding no lock and outside RCU and SRCU read sections",
        "Invariants.lockBalance()") {
      @Override
      public Monitor monitor(RunContext run) {
        return new Monitor() {
          @Override
          public void actorFinished(int a) {
            Actor actor = run.actor(a);
            World world = run.world();
            String problem = null;
            if (actor.heldCount() > 0) {
              problem = "holding " + actor.describeHeld();
            } else if (world.rcu().nesting(actor) > 0) {
              problem = "inside an RCU read section (depth " + world.rcu().nesting(actor) + ")";
            } else if (world.srcu().nesting(actor) > 0) {
              problem = "inside an SRCU read section (depth " + world.srcu().nesting(actor) + ")";
            }
            if (problem != null) {
              throw new Violation(
                  "H2", "lock balance", "H2: actor '" + run.actorName(a) + "' finished " + problem);
            }
          }
        };
      }
    };
  }

  private abstract static class Standard implements Invariant {
    private final String obligation;
    private final String description;
    private final String source;

    Standard(String obligation, String description, String source) {
      this.obligation = obligation;
      this.description = description;
      this.source = source;
    }

    @Override
    public String obligation() {
      return obligation;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public String source() {
      return source;
    }

    @Override
    public String toString() {
      return obligation + ": " + description;
    }
  }

  /** Names the bits of {@code mask}: {@code writable}, {@code dirty}, {@code bit 54}, ... */
  static String bits(long mask, EntryCodec codec) {
    List<String> names = new ArrayList<>();
    for (int bit = 0; bit < 64; bit++) {
      long b = 1L << bit;
      if ((mask & b) == 0) {
        continue;
      }
      if (b == codec.writableMask()) {
        names.add("writable");
      } else if (b == codec.dirtyMask()) {
        names.add("dirty");
      } else if (b == codec.accessedMask()) {
        names.add("accessed");
      } else if (codec.present(b) && !codec.present(0)) {
        names.add("present");
      } else {
        names.add("bit " + bit);
      }
    }
    return "0x"
        + Long.toHexString(mask).toLowerCase(Locale.ROOT)
        + " ("
        + String.join(", ", names)
        + ")";
  }
}
