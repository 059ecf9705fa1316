package dev.walkspec.check;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Similarity;
import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Type;
import dev.walkspec.model.Walker;
import java.util.List;
import java.util.Optional;

/**
 * A walker's names and types: every rule reads only what the walker declares, with the right type.
 */
final class WalkerChecks {
  static final String RET = "ret";
  static final String FOUND = "found_memslot";

  private final Spec spec;
  private final Diagnostics diagnostics;
  private final TypeChecker types;

  WalkerChecks(Spec spec, Diagnostics diagnostics, TypeChecker types) {
    this.spec = spec;
    this.diagnostics = diagnostics;
    this.types = types;
  }

  /**
   * What the walker's conditions may read: flags, callbacks, inputs, ret, found_memslot, options.
   */
  static Scope scope(Spec spec, Walker walker) {
    Scope scope = new Scope("name");
    walker.flags().forEach(f -> scope.with(f.text(), Type.BOOL));
    walker.callbacks().forEach(c -> scope.with(c.name().text(), Type.BOOL));
    for (TypedName input : walker.inputs()) {
      Optional<Type> type = Type.named(input.type().text());
      if (type.isPresent()) {
        scope.with(input.name().text(), type.get());
      } else {
        scope.withUntyped(input.name().text());
      }
    }
    scope.with(RET, resultType(walker));
    scope.with(FOUND, Type.BOOL);
    return scope.withAll(ConfigChecks.scope(spec));
  }

  /** W9: a plain OR gives a bool, the V7 int combination an int. */
  static Type resultType(Walker walker) {
    return walker
        .rule(Rule.Result.class)
        .filter(r -> r.combinator() == Rule.Combinator.INT_OR)
        .map(r -> Type.INT)
        .orElse(Type.BOOL);
  }

  void run(Walker walker) {
    for (TypedName input : walker.inputs()) {
      if (Type.named(input.type().text()).isEmpty()) {
        diagnostics.report(
            DiagnosticCode.WS204,
            input.type().pos(),
            input.type().text(),
            String.join(", ", Type.NAMES));
      }
    }
    Scope scope = scope(spec, walker);
    walker.rules().forEach(rule -> checkRule(walker, rule, scope));
    checkNullHandler(walker);
  }

  private void checkRule(Walker walker, Rule rule, Scope scope) {
    if (rule instanceof Rule.Guard g) {
      types.expect(g.when(), Type.BOOL, scope);
    } else if (rule instanceof Rule.VisitSlots v) {
      types.expect(v.low(), Type.INT, scope);
      types.expect(v.high(), Type.INT, scope);
      requireClipOf(walker, "memslots", List.of(Rule.Clip.HVA, Rule.Clip.GFN));
    } else if (rule instanceof Rule.VisitBindings v) {
      types.expect(v.low(), Type.INT, scope);
      types.expect(v.high(), Type.INT, scope);
      checkOneLoopStructure(walker, v);
    } else if (rule instanceof Rule.Lock l) {
      types.expect(l.mode(), Type.LOCK_MODE, scope);
      l.unless().ifPresent(u -> types.expect(u, Type.BOOL, scope));
      l.onLock().ifPresent(cb -> requireCallbackSlot(walker, cb));
    } else if (rule instanceof Rule.Result r) {
      if (!r.variable().text().equals(RET)) {
        diagnostics.report(
            DiagnosticCode.WS107, r.variable().pos(), r.variable().text(), "result variable", RET);
      }
      requireCallbackSlot(walker, r.handler());
      r.stopWhen().ifPresent(s -> types.expect(s, Type.BOOL, scope));
    } else if (rule instanceof Rule.Flush f) {
      types.expect(f.when(), Type.BOOL, scope);
    } else if (rule instanceof Rule.Unlock u) {
      types.expect(u.when(), Type.BOOL, scope);
      if (walker.rule(Rule.Lock.class).isEmpty()) {
        diagnostics.report(DiagnosticCode.WS314, u.id().pos(), u.id().text(), "unlock");
      }
    } else if (rule instanceof Rule.Return r) {
      r.values().forEach(v -> requireOneOf(v, "returned value", List.of(RET, FOUND)));
    } else if (rule instanceof Rule.Pass p) {
      p.values().forEach(v -> requirePassable(walker, v));
    }
  }

  private void requireCallbackSlot(Walker walker, Name name) {
    if (walker.callback(name.text()).isEmpty()) {
      List<String> slots = walker.callbacks().stream().map(c -> c.name().text()).toList();
      diagnostics.report(
          DiagnosticCode.WS101,
          name.pos(),
          "callback slot",
          name.text(),
          Similarity.hint(name.text(), slots));
    }
  }

  private void requireOneOf(Name name, String what, List<String> allowed) {
    if (!allowed.contains(name.text())) {
      diagnostics.report(
          DiagnosticCode.WS107, name.pos(), name.text(), what, String.join(", ", allowed));
    }
  }

  private void requirePassable(Walker walker, Name name) {
    if (!walker.hasFlag(name.text()) && walker.input(name.text()).isEmpty()) {
      diagnostics.report(
          DiagnosticCode.WS101,
          name.pos(),
          "flag or input",
          name.text(),
          scope(spec, walker).suggestion(name.text()));
    }
  }

  /** G1 replaces W3 and W4: a walk loops over memslots or over gmem bindings, not both. */
  private void checkOneLoopStructure(Walker walker, Rule.VisitBindings bindings) {
    Optional<Rule> slots =
        walker.rules().stream()
            .filter(r -> r instanceof Rule.VisitSlots || r instanceof Rule.VisitAddressSpaces)
            .findFirst();
    if (slots.isPresent()) {
      diagnostics.report(
          DiagnosticCode.WS114,
          bindings.id().pos(),
          walker.name().text(),
          slots.get().id().text(),
          bindings.id().text());
    }
    requireClipOf(walker, "bindings", List.of(Rule.Clip.PGOFF));
  }

  /** W5, G2: memslots are clipped by hva or gfn, a guest_memfd file's bindings by page offset. */
  private void requireClipOf(Walker walker, String loop, List<String> units) {
    walker
        .rule(Rule.Clip.class)
        .filter(c -> !units.contains(c.what().text()))
        .ifPresent(
            c ->
                diagnostics.report(
                    DiagnosticCode.WS107,
                    c.what().pos(),
                    c.what().text(),
                    "clip target of a walk over " + loop,
                    String.join(", ", units)));
  }

  /** W8: an optional handler needs a rule for the walk without one. */
  private void checkNullHandler(Walker walker) {
    Optional<CallbackSlot> handler =
        walker.rule(Rule.Result.class).flatMap(r -> walker.callback(r.handler().text()));
    if (handler.isPresent()
        && handler.get().optional()
        && walker.rule(Rule.NullHandler.class).isEmpty()) {
      diagnostics.report(DiagnosticCode.WS308, handler.get().name().pos());
    }
  }
}
