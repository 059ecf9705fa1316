package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Pos;
import org.apiguardian.api.API;

/** An expression of the walk language: conditions, flag values, lock modes, profile values. */
@API(status = INTERNAL)
public sealed interface Expr {
  Pos pos();

  record BoolLit(boolean value, Pos pos) implements Expr {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  record IntLit(long value, Pos pos) implements Expr {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  record Ref(String name, Pos pos) implements Expr {
    @Override
    public String toString() {
      return name;
    }
  }

  record Unary(UnaryOp op, Expr operand, Pos pos) implements Expr {
    @Override
    public String toString() {
      return op.symbol() + Expressions.parenthesized(operand);
    }
  }

  record Binary(BinaryOp op, Expr left, Expr right, Pos pos) implements Expr {
    @Override
    public String toString() {
      return Expressions.parenthesized(left)
          + " "
          + op.symbol()
          + " "
          + Expressions.parenthesized(right);
    }
  }

  record Conditional(Expr condition, Expr then, Expr otherwise, Pos pos) implements Expr {
    @Override
    public String toString() {
      return Expressions.parenthesized(condition)
          + " ? "
          + Expressions.parenthesized(then)
          + " : "
          + Expressions.parenthesized(otherwise);
    }
  }

  enum UnaryOp {
    NOT("!"),
    NEGATE("-");

    private final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  enum BinaryOp {
    ADD("+"),
    SUB("-"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=="),
    NE("!="),
    AND("&&"),
    OR("||");

    private final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public static BinaryOp ofSymbol(String symbol) {
      for (BinaryOp op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException("no binary operator " + symbol);
    }
  }
}
