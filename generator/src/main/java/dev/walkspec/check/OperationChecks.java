package dev.walkspec.check;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Similarity;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.HandlerKind;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Expressions;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Type;
import dev.walkspec.model.Value;
import dev.walkspec.model.Walker;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Operations (C1-C5): each sets walker flags to compile-time values or {@code param}, puts a
 * handler kind or callback (or null) in each callback slot, and binds every walker input.
 */
final class OperationChecks {
  static final String PARAM = "param";
  static final String NULL = "null";

  private final Spec spec;
  private final Diagnostics diagnostics;
  private final TypeChecker types;

  OperationChecks(Spec spec, Diagnostics diagnostics, TypeChecker types) {
    this.spec = spec;
    this.diagnostics = diagnostics;
    this.types = types;
  }

  void run(Operation operation) {
    Optional<Walker> walker = spec.walker(operation.walker().text());
    if (walker.isEmpty()) {
      List<String> known = spec.walkers().stream().map(w -> w.name().text()).toList();
      diagnostics.report(
          DiagnosticCode.WS101,
          operation.walker().pos(),
          "walker",
          operation.walker().text(),
          Similarity.hint(operation.walker().text(), known));
      return;
    }
    for (TypedName param : operation.params()) {
      if (Type.named(param.type().text()).isEmpty()) {
        diagnostics.report(
            DiagnosticCode.WS204,
            param.type().pos(),
            param.type().text(),
            String.join(", ", Type.NAMES));
      }
    }
    operation.assignments().forEach(a -> checkAssignment(operation, walker.get(), a));
    checkInputsBound(operation, walker.get());
  }

  private void checkAssignment(Operation operation, Walker walker, Assignment a) {
    String target = a.target().text();
    WalkerRoles roles = WalkerRoles.of(walker);
    if (walker.hasFlag(target)) {
      checkFlagValue(operation, walker, a);
    } else if (target.equals(roles.handlerSlot())) {
      checkHandler(walker, a.value());
    } else if (roles.onLockSlot().filter(target::equals).isPresent()) {
      checkOnLock(a.value());
    } else if (walker.input(target).isPresent()) {
      Type type = Type.named(walker.input(target).get().type().text()).orElse(Type.INT);
      types.expect(a.value(), type, paramScope(operation));
    } else {
      diagnostics.report(
          DiagnosticCode.WS101,
          a.target().pos(),
          "walker input, flag or callback slot",
          target,
          WalkerChecks.scope(spec, walker).suggestion(target));
    }
  }

  private void checkFlagValue(Operation operation, Walker walker, Assignment a) {
    if (isWord(a.value(), PARAM)) {
      return;
    }
    Scope walkerScope = WalkerChecks.scope(spec, walker);
    for (String read : Expressions.names(a.value())) {
      boolean runtime =
          spec.config(read).isEmpty()
              && (walkerScope.typeOf(read).isPresent()
                  || operation.params().stream().anyMatch(p -> p.name().text().equals(read)));
      if (runtime) {
        diagnostics.report(
            DiagnosticCode.WS206,
            a.value().pos(),
            a.target().text(),
            operation.id().text(),
            "'" + read + "'");
        return;
      }
    }
    types.expect(a.value(), Type.BOOL, ConfigChecks.scope(spec));
  }

  private void checkHandler(Walker walker, Expr value) {
    if (isWord(value, NULL)) {
      return;
    }
    List<String> kinds = spec.handlerKinds().stream().map(k -> k.name().text()).toList();
    Optional<HandlerKind> kind =
        value instanceof Expr.Ref r ? spec.handlerKind(r.name()) : Optional.empty();
    if (kind.isEmpty()) {
      diagnostics.report(
          DiagnosticCode.WS310, value.pos(), value.toString(), String.join(", ", kinds) + ", null");
      return;
    }
    Type returns = kind.get().resultType().flatMap(t -> Type.named(t.text())).orElse(Type.BOOL);
    Type combined = WalkerChecks.resultType(walker);
    if (returns != combined) {
      Rule.Result result = walker.rule(Rule.Result.class).orElseThrow();
      diagnostics.report(
          DiagnosticCode.WS205,
          value.pos(),
          result.id().text(),
          result.combinator().word(),
          combined.word(),
          kind.get().name().text(),
          returns.word());
    }
  }

  private void checkOnLock(Expr value) {
    if (isWord(value, NULL)) {
      return;
    }
    if (!(value instanceof Expr.Ref r) || spec.callback(r.name()).isEmpty()) {
      List<String> known = spec.callbacks().stream().map(c -> c.name().text()).toList();
      diagnostics.report(
          DiagnosticCode.WS311, value.pos(), value.toString(), String.join(", ", known) + ", null");
    }
  }

  private Scope paramScope(Operation operation) {
    Scope scope = new Scope("operation parameter");
    for (TypedName param : operation.params()) {
      Optional<Type> type = Type.named(param.type().text());
      if (type.isPresent()) {
        scope.with(param.name().text(), type.get());
      } else {
        scope.withUntyped(param.name().text());
      }
    }
    return scope.withAll(ConfigChecks.scope(spec));
  }

  /** A walker input is bound by an assignment or by a parameter of the same name. */
  private void checkInputsBound(Operation operation, Walker walker) {
    for (TypedName input : walker.inputs()) {
      String name = input.name().text();
      boolean assigned = operation.assignment(name).isPresent();
      boolean param = operation.params().stream().anyMatch(p -> p.name().text().equals(name));
      if (!assigned && !param && !isOptionalInput(walker, name)) {
        diagnostics.report(
            DiagnosticCode.WS110, operation.label().pos(), operation.id().text(), name);
      }
    }
  }

  /** Inputs only handed to handlers (W13) default to 0 when an operation leaves them out. */
  private static boolean isOptionalInput(Walker walker, String input) {
    return walker.rule(Rule.Pass.class).stream()
        .anyMatch(p -> p.values().stream().anyMatch(v -> v.text().equals(input)));
  }

  static boolean isWord(Expr e, String word) {
    return e instanceof Expr.Ref r && r.name().equals(word);
  }

  /** The operation on one profile: flags folded with the profile's Kconfig values. */
  Binding bind(Operation operation, Walker walker, ResolvedProfile profile) {
    Evaluator evaluator = new Evaluator(profile.config()::get);
    Map<String, Boolean> fixed = new LinkedHashMap<>();
    Set<String> params = new HashSet<>();
    for (Name flag : walker.flags()) {
      Optional<Assignment> a = operation.assignment(flag.text());
      if (a.isPresent() && isWord(a.get().value(), PARAM)) {
        params.add(flag.text());
      } else {
        Value v = a.map(x -> evaluator.eval(x.value())).orElse(Value.of(false));
        fixed.put(flag.text(), v != null && v.asBool());
      }
    }
    Map<String, Optional<String>> callbacks = new HashMap<>();
    walker
        .callbacks()
        .forEach(
            slot ->
                callbacks.put(
                    slot.name().text(),
                    operation
                        .assignment(slot.name().text())
                        .map(Assignment::value)
                        .filter(v -> !isWord(v, NULL))
                        .map(Expr::toString)));
    Expr start = inputExpr(operation, "start");
    Expr end = inputExpr(operation, "end");
    return new Binding(
        operation, profile, walker, fixed, params, callbacks, operation.params(), start, end);
  }

  private static Expr inputExpr(Operation operation, String input) {
    return operation
        .assignment(input)
        .map(Assignment::value)
        .orElse(new Expr.Ref(input, operation.pos()));
  }
}
