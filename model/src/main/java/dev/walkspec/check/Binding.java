package dev.walkspec.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Value;
import dev.walkspec.model.Walker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * One operation on one profile: what the walk is fixed to at compile time there. Flags are either
 * fixed (a Kconfig value or a literal) or left to the caller ({@code param}); callback slots hold a
 * handler kind or callback name, or nothing (null).
 */
@API(status = INTERNAL)
public record Binding(
    Operation operation,
    ResolvedProfile profile,
    Walker walker,
    Map<String, Boolean> fixedFlags,
    Set<String> paramFlags,
    Map<String, Optional<String>> callbacks,
    List<TypedName> params,
    Expr start,
    Expr end) {

  public Binding {
    fixedFlags = Map.copyOf(fixedFlags);
    paramFlags = Set.copyOf(paramFlags);
    callbacks = Map.copyOf(callbacks);
    params = List.copyOf(params);
  }

  /** "clear_young[x86]", the name tests and reports use. */
  public String displayName() {
    return operation.label().text() + "[" + profile.name() + "]";
  }

  public Optional<String> callback(String slot) {
    return callbacks.getOrDefault(slot, Optional.empty());
  }

  /**
   * The handler kind (age, test_age, unmap, ...) in the slot where this binding's walker calls its
   * arch handler (H*), if the binding fills it.
   */
  public Optional<String> handlerKind() {
    return callback(WalkerRoles.of(walker).handlerSlot());
  }

  /**
   * What the walk's expressions see on this binding: the profile's Kconfig values, the fixed flags
   * and, for each callback slot, whether it holds a callback.
   */
  public Function<String, Value> environment() {
    Map<String, Value> known = new HashMap<>(profile.config());
    fixedFlags.forEach((flag, value) -> known.put(flag, Value.of(value)));
    callbacks.forEach((slot, value) -> known.put(slot, Value.of(value.isPresent())));
    return known::get;
  }
}
