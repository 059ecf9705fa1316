package dev.walkspec.emit;

import com.palantir.javapoet.CodeBlock;
import dev.walkspec.model.Constants;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Type;
import dev.walkspec.runtime.api.LockMode;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a residual (folded) expression as Java. Spec names reach the code only through the given
 * map of Java expressions (locals, parameters, fields the emitter declared with valid names), never
 * as raw text.
 */
final class JavaExpressions {
  private final Map<String, CodeBlock> names;

  JavaExpressions(Map<String, CodeBlock> names) {
    this.names = Map.copyOf(names);
  }

  CodeBlock of(Expr e) {
    if (e instanceof Expr.BoolLit b) {
      return CodeBlock.of("$L", b.value());
    } else if (e instanceof Expr.IntLit i) {
      return CodeBlock.of("$LL", i.value());
    } else if (e instanceof Expr.Ref r) {
      return ref(r);
    } else if (e instanceof Expr.Unary u) {
      return CodeBlock.of("$L$L", u.op().symbol(), operand(u.operand()));
    } else if (e instanceof Expr.Binary b) {
      return CodeBlock.of("$L $L $L", operand(b.left()), b.op().symbol(), operand(b.right()));
    }
    Expr.Conditional c = (Expr.Conditional) e;
    return CodeBlock.of(
        "$L ? $L : $L", operand(c.condition()), operand(c.then()), operand(c.otherwise()));
  }

  private CodeBlock operand(Expr e) {
    boolean atom = e instanceof Expr.BoolLit || e instanceof Expr.IntLit || e instanceof Expr.Ref;
    return atom ? of(e) : CodeBlock.of("($L)", of(e));
  }

  private CodeBlock ref(Expr.Ref r) {
    CodeBlock mapped = names.get(r.name());
    if (mapped != null) {
      return mapped;
    }
    if (Constants.named(r.name()).filter(v -> v.type() == Type.LOCK_MODE).isPresent()) {
      return CodeBlock.of("$T.$L", LockMode.class, r.name().toUpperCase(Locale.ROOT));
    }
    throw new IllegalStateException("no Java name for '" + r.name() + "' at " + r.pos());
  }
}
