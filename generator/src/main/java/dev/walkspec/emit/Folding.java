package dev.walkspec.emit;

import dev.walkspec.model.Constants;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Value;
import java.util.function.Function;

/**
 * Partial evaluation: what is known when the walker is generated (Kconfig values, fixed flags,
 * which callbacks an operation sets) is folded away, and what is left is the residual condition the
 * generated code must still test at run time. A fully known condition becomes a literal, so the
 * emitter can drop the branch altogether.
 */
final class Folding {
  private final Function<String, Value> known;

  /** {@code known} gives the value of a name fixed at generation time, or null. */
  Folding(Function<String, Value> known) {
    this.known = known;
  }

  Expr fold(Expr e) {
    if (e instanceof Expr.Ref r) {
      Value v = known.apply(r.name());
      return v == null ? e : literal(v, e);
    } else if (e instanceof Expr.Unary u) {
      return unary(u, fold(u.operand()));
    } else if (e instanceof Expr.Binary b) {
      return binary(b, fold(b.left()), fold(b.right()));
    } else if (e instanceof Expr.Conditional c) {
      Expr condition = fold(c.condition());
      if (condition instanceof Expr.BoolLit lit) {
        return fold(lit.value() ? c.then() : c.otherwise());
      }
      return new Expr.Conditional(condition, fold(c.then()), fold(c.otherwise()), c.pos());
    }
    return e;
  }

  /** The folded value when the condition is fully known, else null. */
  Boolean constant(Expr condition) {
    Expr folded = fold(condition);
    return folded instanceof Expr.BoolLit b ? b.value() : null;
  }

  private static Expr literal(Value v, Expr at) {
    if (v instanceof Value.BoolValue b) {
      return new Expr.BoolLit(b.value(), at.pos());
    } else if (v instanceof Value.IntValue i) {
      return new Expr.IntLit(i.value(), at.pos());
    }
    return new Expr.Ref(v.toString(), at.pos());
  }

  private static Expr unary(Expr.Unary u, Expr operand) {
    if (u.op() == Expr.UnaryOp.NOT && operand instanceof Expr.BoolLit b) {
      return new Expr.BoolLit(!b.value(), u.pos());
    }
    if (u.op() == Expr.UnaryOp.NEGATE && operand instanceof Expr.IntLit i) {
      return new Expr.IntLit(-i.value(), u.pos());
    }
    return new Expr.Unary(u.op(), operand, u.pos());
  }

  private static Expr binary(Expr.Binary b, Expr left, Expr right) {
    if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
      boolean absorbing = b.op() == Expr.BinaryOp.OR;
      for (Expr side : new Expr[] {left, right}) {
        if (side instanceof Expr.BoolLit lit && lit.value() == absorbing) {
          return lit;
        }
      }
      if (left instanceof Expr.BoolLit) {
        return right;
      }
      if (right instanceof Expr.BoolLit) {
        return left;
      }
      return new Expr.Binary(b.op(), left, right, b.pos());
    }
    Expr folded = new Expr.Binary(b.op(), left, right, b.pos());
    if (isLiteral(left) && isLiteral(right)) {
      Value v = new Evaluator(n -> null).eval(folded);
      return v == null ? folded : literal(v, b);
    }
    return folded;
  }

  private static boolean isLiteral(Expr e) {
    return e instanceof Expr.BoolLit
        || e instanceof Expr.IntLit
        || (e instanceof Expr.Ref r && Constants.named(r.name()).isPresent());
  }
}
