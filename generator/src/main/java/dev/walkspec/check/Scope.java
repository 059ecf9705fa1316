package dev.walkspec.check;

import dev.walkspec.diag.Similarity;
import dev.walkspec.model.Constants;
import dev.walkspec.model.Type;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The names visible to an expression, with their types; the language's constants are in all. */
final class Scope {
  private final String description;
  private final Map<String, Type> names = new LinkedHashMap<>();

  /** Names declared with a missing or unknown type: known, so not reported again as unknown. */
  private final Set<String> untyped = new HashSet<>();

  /** {@code description} says what a name here is, for "unknown ..." messages. */
  Scope(String description) {
    this.description = description;
  }

  Scope with(String name, Type type) {
    names.putIfAbsent(name, type);
    untyped.remove(name);
    return this;
  }

  /** A name whose declaration has no valid type (that was reported where it is declared). */
  Scope withUntyped(String name) {
    if (!names.containsKey(name)) {
      untyped.add(name);
    }
    return this;
  }

  Scope withAll(Scope other) {
    other.names.forEach(this::with);
    other.untyped.forEach(this::withUntyped);
    return this;
  }

  /** Whether the name is declared here, with or without a valid type. */
  boolean declares(String name) {
    return names.containsKey(name) || untyped.contains(name) || Constants.named(name).isPresent();
  }

  Optional<Type> typeOf(String name) {
    Type declared = names.get(name);
    if (declared != null) {
      return Optional.of(declared);
    }
    return Constants.named(name).map(v -> v.type());
  }

  String description() {
    return description;
  }

  /** "; did you mean 'lockless'?" when a visible name is close, else "". */
  String suggestion(String unknown) {
    return names.keySet().stream()
        .min(Comparator.comparingInt(n -> Similarity.editDistance(unknown, n)))
        .filter(n -> Similarity.isClose(unknown, n))
        .map(n -> "; did you mean '" + n + "'?")
        .orElse("");
  }
}
