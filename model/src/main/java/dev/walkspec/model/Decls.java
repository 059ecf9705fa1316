package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Pos;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** The declarations of a spec other than walkers, as immutable records. */
@API(status = INTERNAL)
public final class Decls {
  private Decls() {}

  /** A Kconfig option: compile-time, per arch profile. */
  public record ConfigOption(
      Name name,
      Optional<Name> type,
      Optional<Expr> defaultValue,
      Optional<Expr> dependsOn,
      String doc,
      Pos pos) {}

  /** A handler kind (unmap, age, test_age) and what its result means. */
  public record HandlerKind(Name name, Optional<Name> resultType, String doc, Pos pos) {}

  /** A callback an operation may run right after the lock is taken (on_lock). */
  public record Callback(Name name, String doc, Pos pos) {}

  /** {@code target = value;} in an operation or a profile. */
  public record Assignment(Name target, Expr value) {}

  /** {@code name: type}, for walker inputs and operation parameters. */
  public record TypedName(Name name, Name type) {}

  /** A walker callback slot; optional ones may be null. */
  public record CallbackSlot(Name name, boolean optional) {}

  /** A caller of a walker (C1-C5): fixes its flags, callbacks and range. */
  public record Operation(
      Name id,
      Name label,
      List<TypedName> params,
      Name walker,
      List<Assignment> assignments,
      String doc,
      Pos pos) {
    public Operation {
      params = List.copyOf(params);
      assignments = List.copyOf(assignments);
    }

    public Optional<Assignment> assignment(String target) {
      return assignments.stream().filter(a -> a.target().text().equals(target)).findFirst();
    }
  }

  /** An arch profile: selected Kconfig options and properties (lock kind, address spaces). */
  public record Profile(
      Name name,
      boolean isAbstract,
      Optional<Name> parent,
      List<Name> selects,
      List<Name> unselects,
      List<Assignment> properties,
      String doc,
      Pos pos) {
    public Profile {
      selects = List.copyOf(selects);
      unselects = List.copyOf(unselects);
      properties = List.copyOf(properties);
    }
  }

  /** What handlers of the given kinds must guarantee, and when (H1-H13). */
  public record Obligation(
      Name id,
      Name label,
      List<Name> kinds,
      Optional<Expr> when,
      List<Name> cites,
      String doc,
      Pos pos) {
    public Obligation {
      kinds = List.copyOf(kinds);
      cites = List.copyOf(cites);
    }
  }
}
