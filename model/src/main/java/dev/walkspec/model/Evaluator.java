package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Evaluates expressions of a checked spec. Names the environment does not know evaluate to
 * "unknown" (null), and unknown propagates except where the other operand decides the result
 * ({@code false && x}, {@code true || x}), so the same code serves compile-time folding (flags
 * known, range unknown) and full evaluation. Integers are signed 64-bit: hvas of real address
 * spaces stay below 2^63, and V7's negative error results compare as negative.
 */
@API(status = INTERNAL)
public final class Evaluator {
  private final Function<String, Value> environment;

  /** {@code environment} returns a name's value, or null when it is not known here. */
  public Evaluator(Function<String, Value> environment) {
    this.environment = environment;
  }

  /** The value, or null when it depends on something unknown. */
  public Value eval(Expr e) {
    if (e instanceof Expr.BoolLit b) {
      return Value.of(b.value());
    } else if (e instanceof Expr.IntLit i) {
      return Value.of(i.value());
    } else if (e instanceof Expr.Ref r) {
      Value v = environment.apply(r.name());
      return v != null ? v : Constants.named(r.name()).orElse(null);
    } else if (e instanceof Expr.Unary u) {
      Value v = eval(u.operand());
      if (v == null) {
        return null;
      }
      return u.op() == Expr.UnaryOp.NOT ? Value.of(!v.asBool()) : Value.of(-v.asInt());
    } else if (e instanceof Expr.Conditional c) {
      Value condition = eval(c.condition());
      if (condition == null) {
        Value then = eval(c.then());
        return then != null && then.equals(eval(c.otherwise())) ? then : null;
      }
      return condition.asBool() ? eval(c.then()) : eval(c.otherwise());
    }
    return binary((Expr.Binary) e);
  }

  /** The value as a bool; unknown is an error here (use eval to allow it). */
  public boolean isTrue(Expr e) {
    Value v = eval(e);
    if (v == null) {
      throw new IllegalStateException("condition " + e + " at " + e.pos() + " is not known");
    }
    return v.asBool();
  }

  private Value binary(Expr.Binary b) {
    Value left = eval(b.left());
    if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
      boolean decisive = b.op() == Expr.BinaryOp.OR;
      if (left != null && left.asBool() == decisive) {
        return left;
      }
      Value right = eval(b.right());
      if (right != null && right.asBool() == decisive) {
        return right;
      }
      return left == null || right == null ? null : right;
    }
    Value right = eval(b.right());
    if (left == null || right == null) {
      return null;
    }
    return switch (b.op()) {
      case ADD -> Value.of(left.asInt() + right.asInt());
      case SUB -> Value.of(left.asInt() - right.asInt());
      case LT -> Value.of(left.asInt() < right.asInt());
      case LE -> Value.of(left.asInt() <= right.asInt());
      case GT -> Value.of(left.asInt() > right.asInt());
      case GE -> Value.of(left.asInt() >= right.asInt());
      case EQ -> Value.of(left.equals(right));
      case NE -> Value.of(!left.equals(right));
      default -> throw new IllegalStateException("unhandled operator " + b.op());
    };
  }
}
