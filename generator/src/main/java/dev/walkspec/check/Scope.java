package dev.walkspec.check;

import dev.walkspec.diag.Similarity;
import dev.walkspec.model.Constants;
import dev.walkspec.model.Type;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The names visible to an expression, with their types; the language's constants are in all. */
final class Scope {
  private final String description;
  private final Map<String, Type> names = new LinkedHashMap<>();

  /** {@code description} says what a name here is, for "unknown ..." messages. */
  Scope(String description) {
    this.description = description;
  }

  Scope with(String name, Type type) {
    names.putIfAbsent(name, type);
    return this;
  }

  Scope withAll(Scope other) {
    other.names.forEach(this::with);
    return this;
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
