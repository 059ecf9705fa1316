package dev.walkspec.check;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Type;
import java.util.Optional;

/** Gives every expression a type in its scope, reporting unknown names and type errors. */
final class TypeChecker {
  private final Diagnostics diagnostics;

  TypeChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Reports a problem unless the expression has the expected type; true when it has. */
  boolean expect(Expr e, Type expected, Scope scope) {
    Optional<Type> actual = typeOf(e, scope);
    if (actual.isPresent() && actual.get() != expected) {
      diagnostics.report(
          DiagnosticCode.WS201, e.pos(), expected.word(), "'" + e + "'", actual.get().word());
      return false;
    }
    return actual.isPresent();
  }

  /** The type, or empty when a problem was reported inside the expression. */
  Optional<Type> typeOf(Expr e, Scope scope) {
    if (e instanceof Expr.BoolLit) {
      return Optional.of(Type.BOOL);
    } else if (e instanceof Expr.IntLit) {
      return Optional.of(Type.INT);
    } else if (e instanceof Expr.Ref r) {
      Optional<Type> type = scope.typeOf(r.name());
      if (type.isEmpty() && !scope.declares(r.name())) {
        diagnostics.report(
            DiagnosticCode.WS101,
            r.pos(),
            scope.description(),
            r.name(),
            scope.suggestion(r.name()));
      }
      return type;
    } else if (e instanceof Expr.Unary u) {
      Type operand = u.op() == Expr.UnaryOp.NOT ? Type.BOOL : Type.INT;
      return operands(u.op().symbol(), e, scope, operand, u.operand()).map(ok -> operand);
    } else if (e instanceof Expr.Conditional c) {
      return conditional(c, scope);
    }
    return binary((Expr.Binary) e, scope);
  }

  private Optional<Type> conditional(Expr.Conditional c, Scope scope) {
    boolean conditionOk = expect(c.condition(), Type.BOOL, scope);
    Optional<Type> then = typeOf(c.then(), scope);
    Optional<Type> otherwise = typeOf(c.otherwise(), scope);
    if (!conditionOk || then.isEmpty() || otherwise.isEmpty()) {
      return Optional.empty();
    }
    if (then.get() != otherwise.get()) {
      diagnostics.report(
          DiagnosticCode.WS202,
          c.pos(),
          "?:",
          then.get().word() + " and " + otherwise.get().word());
      return Optional.empty();
    }
    return then;
  }

  private Optional<Type> binary(Expr.Binary b, Scope scope) {
    return switch (b.op()) {
      case ADD, SUB ->
          operands(b.op().symbol(), b, scope, Type.INT, b.left(), b.right()).map(ok -> Type.INT);
      case LT, LE, GT, GE ->
          operands(b.op().symbol(), b, scope, Type.INT, b.left(), b.right()).map(ok -> Type.BOOL);
      case AND, OR ->
          operands(b.op().symbol(), b, scope, Type.BOOL, b.left(), b.right()).map(ok -> Type.BOOL);
      case EQ, NE -> equality(b, scope);
    };
  }

  private Optional<Type> equality(Expr.Binary b, Scope scope) {
    Optional<Type> left = typeOf(b.left(), scope);
    Optional<Type> right = typeOf(b.right(), scope);
    if (left.isEmpty() || right.isEmpty()) {
      return Optional.empty();
    }
    if (left.get() != right.get()) {
      diagnostics.report(
          DiagnosticCode.WS202,
          b.pos(),
          b.op().symbol(),
          left.get().word() + " and " + right.get().word());
      return Optional.empty();
    }
    return Optional.of(Type.BOOL);
  }

  /** Checks that every operand has the operator's operand type. */
  private Optional<Boolean> operands(
      String op, Expr whole, Scope scope, Type wanted, Expr... operands) {
    boolean ok = true;
    for (Expr operand : operands) {
      Optional<Type> type = typeOf(operand, scope);
      if (type.isEmpty()) {
        ok = false;
      } else if (type.get() != wanted) {
        diagnostics.report(DiagnosticCode.WS202, operand.pos(), op, type.get().word());
        ok = false;
      }
    }
    return ok ? Optional.of(true) : Optional.empty();
  }
}
