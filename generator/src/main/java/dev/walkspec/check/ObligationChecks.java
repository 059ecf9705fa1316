package dev.walkspec.check;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Similarity;
import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.model.Name;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Type;
import dev.walkspec.model.Walker;
import java.util.List;

/** Obligations (H1-H13): they name handler kinds, cite rules, and depend on walker flags only. */
final class ObligationChecks {
  private final Spec spec;
  private final Diagnostics diagnostics;
  private final TypeChecker types;

  ObligationChecks(Spec spec, Diagnostics diagnostics, TypeChecker types) {
    this.spec = spec;
    this.diagnostics = diagnostics;
    this.types = types;
  }

  void run(Obligation obligation) {
    List<String> kinds = spec.handlerKinds().stream().map(k -> k.name().text()).toList();
    for (Name kind : obligation.kinds()) {
      if (spec.handlerKind(kind.text()).isEmpty()) {
        diagnostics.report(
            DiagnosticCode.WS101,
            kind.pos(),
            "handler kind",
            kind.text(),
            Similarity.hint(kind.text(), kinds));
      }
    }
    obligation.when().ifPresent(when -> types.expect(when, Type.BOOL, flagScope()));
    for (Name cited : obligation.cites()) {
      boolean known = spec.walkers().stream().anyMatch(w -> w.ruleById(cited.text()).isPresent());
      if (!known) {
        diagnostics.report(DiagnosticCode.WS108, cited.pos(), obligation.id().text(), cited.text());
      }
    }
  }

  /** An obligation applies per walk, so its condition reads the walkers' flags. */
  private Scope flagScope() {
    Scope scope = new Scope("flag");
    for (Walker walker : spec.walkers()) {
      walker.flags().forEach(f -> scope.with(f.text(), Type.BOOL));
    }
    return scope;
  }
}
