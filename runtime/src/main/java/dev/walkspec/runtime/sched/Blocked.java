package dev.walkspec.runtime.sched;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Why an actor cannot go on: it wants to do {@code op} on {@code target}, which {@code holders}
 * keep from it (a lock's owners, the readers a grace period waits for). {@code ready} tells a
 * scheduler when retrying can succeed.
 */
@API(status = INTERNAL)
public record Blocked(Op op, Shared target, List<Actor> holders, BooleanSupplier ready) {
  public Blocked {
    holders = List.copyOf(holders);
  }

  /** E.g. {@code "blocked on lock_write of mmu_lock held by 'aging'"}. */
  public String describe() {
    String who =
        holders.isEmpty()
            ? "another actor"
            : holders.stream().map(a -> "'" + a.name() + "'").collect(Collectors.joining(", "));
    return "blocked on " + op.render() + " of " + target.sharedName() + " held by " + who;
  }
}
