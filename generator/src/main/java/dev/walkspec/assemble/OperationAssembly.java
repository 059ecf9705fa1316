package dev.walkspec.assemble;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Pos;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.parse.Ast;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An operation being put together from its declaration and later refinements. */
final class OperationAssembly {
  private final Ast.OperationDecl declaration;
  private final Diagnostics diagnostics;
  private final Map<String, Assignment> assignments = new LinkedHashMap<>();
  private String doc = "";

  OperationAssembly(Ast.OperationDecl declaration, Diagnostics diagnostics) {
    this.declaration = declaration;
    this.diagnostics = diagnostics;
  }

  Pos pos() {
    return declaration.pos();
  }

  void apply(Ast.OperationItem item, boolean refining) {
    if (item instanceof Ast.Assign a) {
      String target = a.assignment().target().text();
      if (!refining && assignments.containsKey(target)) {
        diagnostics.report(
            DiagnosticCode.WS109, a.assignment().target().pos(), declaration.id().text(), target);
        return;
      }
      assignments.put(target, a.assignment());
    } else if (item instanceof Ast.DropAssign d) {
      if (assignments.remove(d.target().text()) == null) {
        diagnostics.report(
            DiagnosticCode.WS112,
            d.target().pos(),
            "'" + d.target().text() + "'",
            "operation " + declaration.id().text() + " does not set it");
      }
    } else if (item instanceof Ast.OperationDoc d) {
      doc = d.doc();
    }
  }

  Operation build() {
    return new Operation(
        declaration.id(),
        declaration.label().orElse(declaration.id()),
        declaration.params(),
        declaration.walker().orElse(declaration.id()),
        List.copyOf(assignments.values()),
        doc,
        declaration.pos());
  }
}
