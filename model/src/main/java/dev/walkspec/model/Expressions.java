package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apiguardian.api.API;

/** Small helpers over expressions that several stages share. */
@API(status = INTERNAL)
public final class Expressions {
  private Expressions() {}

  static String parenthesized(Expr e) {
    boolean atom = e instanceof Expr.BoolLit || e instanceof Expr.IntLit || e instanceof Expr.Ref;
    return atom || e instanceof Expr.Unary ? e.toString() : "(" + e + ")";
  }

  /** Every name the expression reads, in the order they appear. */
  public static Set<String> names(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Expr.Ref r) {
      out.add(r.name());
    } else if (e instanceof Expr.Unary u) {
      collect(u.operand(), out);
    } else if (e instanceof Expr.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (e instanceof Expr.Conditional c) {
      collect(c.condition(), out);
      collect(c.then(), out);
      collect(c.otherwise(), out);
    }
  }
}
