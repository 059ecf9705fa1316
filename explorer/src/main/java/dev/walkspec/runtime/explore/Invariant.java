package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.world.World;
import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A property every run must keep, named by the obligation it checks (e.g. {@code H5}). The
 * runtime's own rule checks (lock context, RCU/SRCU use, may-sleep, poisoned reads), deadlocks and
 * the step budget are always on; invariants add whole-system checks. See {@link Invariants}.
 */
@API(status = INTERNAL)
public interface Invariant {
  /** The obligation id, e.g. {@code H5}. */
  String obligation();

  /** One line: what the invariant checks. */
  String description();

  /** A fresh monitor for one run. */
  Monitor monitor(RunContext run);

  /** A Java expression that rebuilds this invariant (for printed regression tests). */
  default String source() {
    return "/* " + description() + " */ null";
  }

  /**
   * An invariant checked once, after every actor finished: {@code problem} returns null when the
   * world is fine, else what is wrong (one sentence).
   */
  static Invariant atEnd(String obligation, String description, Function<World, String> problem) {
    Objects.requireNonNull(obligation, "obligation");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(problem, "check");
    return new Invariant() {
      @Override
      public String obligation() {
        return obligation;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Monitor monitor(RunContext run) {
        return new Monitor() {
          @Override
          public void endOfRun() {
            String found = problem.apply(run.world());
            if (found != null) {
              throw new Violation(obligation, description, found);
            }
          }
        };
      }
    };
  }
}
