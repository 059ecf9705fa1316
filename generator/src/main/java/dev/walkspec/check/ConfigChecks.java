package dev.walkspec.check;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Expressions;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Kconfig options: each has a known type, a default of that type, a boolean dependency. */
final class ConfigChecks {
  private final Spec spec;
  private final Diagnostics diagnostics;
  private final TypeChecker types;

  ConfigChecks(Spec spec, Diagnostics diagnostics, TypeChecker types) {
    this.spec = spec;
    this.diagnostics = diagnostics;
    this.types = types;
  }

  /** The scope of Kconfig expressions: every option with a valid type. */
  static Scope scope(Spec spec) {
    Scope scope = new Scope("config option");
    for (ConfigOption option : spec.configs()) {
      Optional<Type> type = typeOf(option);
      if (type.isPresent()) {
        scope.with(option.name().text(), type.get());
      } else {
        scope.withUntyped(option.name().text());
      }
    }
    return scope;
  }

  static Optional<Type> typeOf(ConfigOption option) {
    return option.type().flatMap(t -> Type.named(t.text()));
  }

  void run() {
    Scope scope = scope(spec);
    for (ConfigOption option : spec.configs()) {
      checkType(option);
      Optional<Type> type = typeOf(option);
      option.defaultValue().ifPresent(d -> type.ifPresent(t -> types.expect(d, t, scope)));
      option.dependsOn().ifPresent(d -> types.expect(d, Type.BOOL, scope));
    }
    reportCycles();
  }

  private void checkType(ConfigOption option) {
    if (option.type().isEmpty()) {
      diagnostics.report(DiagnosticCode.WS203, option.name().pos(), option.name().text());
    } else if (Type.named(option.type().get().text()).isEmpty()) {
      diagnostics.report(
          DiagnosticCode.WS204,
          option.type().get().pos(),
          option.type().get().text(),
          String.join(", ", Type.NAMES));
    }
  }

  /** An option's default and dependency may read other options, but never in a circle. */
  private void reportCycles() {
    Map<String, Set<String>> reads = new HashMap<>();
    for (ConfigOption option : spec.configs()) {
      Set<String> names = new HashSet<>();
      option.defaultValue().ifPresent(e -> names.addAll(Expressions.names(e)));
      option.dependsOn().ifPresent(e -> names.addAll(Expressions.names(e)));
      reads.put(option.name().text(), names);
    }
    Set<String> reported = new HashSet<>();
    for (ConfigOption option : spec.configs()) {
      List<String> cycle = findCycle(option.name().text(), reads, new ArrayList<>());
      if (cycle != null && reported.add(Set.copyOf(cycle).toString())) {
        diagnostics.report(DiagnosticCode.WS307, option.name().pos(), String.join(" -> ", cycle));
      }
    }
  }

  private static List<String> findCycle(
      String at, Map<String, Set<String>> reads, List<String> path) {
    if (path.contains(at)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
      cycle.add(at);
      return path.indexOf(at) == 0 ? cycle : null;
    }
    path.add(at);
    for (String next : reads.getOrDefault(at, Set.of())) {
      if (reads.containsKey(next)) {
        List<String> cycle = findCycle(next, reads, path);
        if (cycle != null) {
          return cycle;
        }
      }
    }
    path.remove(path.size() - 1);
    return null;
  }
}
