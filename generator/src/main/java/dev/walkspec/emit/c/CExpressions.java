package dev.walkspec.emit.c;

import dev.walkspec.model.Expr;
import java.util.function.Function;

/**
 * Writes an expression of the walk language as C. C has the same precedence as the language, so
 * only the parentheses C needs are written, plus those gcc asks for under -Wall ({@code &&} inside
 * {@code ||}, a comparison inside a comparison). A callback slot reads "the slot is set", which in
 * C is a comparison with the kernel's null stub: {@code !IS_KVM_NULL_FN(range->on_lock)}.
 */
final class CExpressions {
  private static final int ATOM = 100;
  private static final int UNARY = 90;
  private static final int CONDITIONAL = 30;

  private final Function<String, String> values;
  private final Function<String, String> callbackSlots;

  /**
   * @param values the C expression of a name (a flag, an input, an option), or null if unknown
   * @param callbackSlots the C expression of a callback slot ({@code range->handler}), or null for
   *     names that are no callback slot
   */
  CExpressions(Function<String, String> values, Function<String, String> callbackSlots) {
    this.values = values;
    this.callbackSlots = callbackSlots;
  }

  String of(Expr e) {
    return render(e).text();
  }

  /** The negation, without a double negation or a needless {@code !(...)}. */
  String not(Expr e) {
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      return of(u.operand());
    }
    if (e instanceof Expr.Ref r && callbackSlots.apply(r.name()) != null) {
      return isNull(r.name());
    }
    C inner = render(e);
    return "!" + (inner.precedence() >= UNARY ? inner.text() : "(" + inner.text() + ")");
  }

  private record C(String text, int precedence) {}

  private C render(Expr e) {
    if (e instanceof Expr.BoolLit b) {
      return new C(Boolean.toString(b.value()), ATOM);
    } else if (e instanceof Expr.IntLit i) {
      return new C(Long.toString(i.value()), ATOM);
    } else if (e instanceof Expr.Ref r) {
      return ref(r);
    } else if (e instanceof Expr.Unary u) {
      return unary(u);
    } else if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    Expr.Conditional c = (Expr.Conditional) e;
    return new C(
        paren(render(c.condition()), CONDITIONAL + 1)
            + " ? "
            + paren(render(c.then()), CONDITIONAL + 1)
            + " : "
            + paren(render(c.otherwise()), CONDITIONAL + 1),
        CONDITIONAL);
  }

  private C ref(Expr.Ref r) {
    if (callbackSlots.apply(r.name()) != null) {
      return new C("!" + isNull(r.name()), UNARY);
    }
    String value = values.apply(r.name());
    if (value == null) {
      throw new IllegalStateException("no C expression for '" + r.name() + "' at " + r.pos());
    }
    return new C(value, ATOM);
  }

  private String isNull(String slot) {
    return "IS_KVM_NULL_FN(" + callbackSlots.apply(slot) + ")";
  }

  private C unary(Expr.Unary u) {
    if (u.op() == Expr.UnaryOp.NOT) {
      return new C(not(u.operand()), UNARY);
    }
    return new C("-" + paren(render(u.operand()), UNARY), UNARY);
  }

  private C binary(Expr.Binary b) {
    int precedence = precedence(b.op());
    C left = render(b.left());
    C right = render(b.right());
    boolean leftNeeds = left.precedence() < precedence || gccWants(b.op(), b.left());
    boolean rightNeeds = right.precedence() <= precedence || gccWants(b.op(), b.right());
    return new C(
        wrap(left.text(), leftNeeds) + " " + b.op().symbol() + " " + wrap(right.text(), rightNeeds),
        precedence);
  }

  /** -Wparentheses: {@code &&} inside {@code ||}, and a comparison inside a comparison. */
  private static boolean gccWants(Expr.BinaryOp op, Expr operand) {
    if (!(operand instanceof Expr.Binary inner)) {
      return false;
    }
    if (op == Expr.BinaryOp.OR && inner.op() == Expr.BinaryOp.AND) {
      return true;
    }
    return isComparison(op) && isComparison(inner.op());
  }

  private static boolean isComparison(Expr.BinaryOp op) {
    int p = precedence(op);
    return p == 60 || p == 70;
  }

  private static int precedence(Expr.BinaryOp op) {
    return switch (op) {
      case ADD, SUB -> 80;
      case LT, LE, GT, GE -> 70;
      case EQ, NE -> 60;
      case AND -> 50;
      case OR -> 40;
    };
  }

  private static String paren(C c, int atLeast) {
    return wrap(c.text(), c.precedence() < atLeast);
  }

  private static String wrap(String text, boolean parenthesize) {
    return parenthesize ? "(" + text + ")" : text;
  }
}
