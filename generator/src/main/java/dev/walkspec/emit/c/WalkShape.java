package dev.walkspec.emit.c;

import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Value;
import dev.walkspec.model.Walker;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the walker's rules decide about the shape of the C function: which labels and locals it
 * needs (C wants no unused one), and where the null-handler test (W8) goes.
 *
 * @param intResults W9 combines int results (V7)
 * @param stops a handler result can end the walk (W9 {@code stop when}, or V7's negative result),
 *     so the loops have an exit to the flush
 * @param jumpsToUnlock W8 jumps to the unlock, past the flush (v6.10 on)
 * @param skipFlushFlag the flush comes after the unlock (W10 {@code after unlock}) and W8 jumps to
 *     the unlock, so a flag must tell the flush that the walk jumped
 * @param nullTestUnderLock the W8 test can sit inside the W7 block, as in the kernel: the guards
 *     make a walk that skips the lock always have a handler
 */
record WalkShape(
    boolean intResults,
    boolean stops,
    boolean jumpsToUnlock,
    boolean skipFlushFlag,
    boolean nullTestUnderLock,
    String handlerSlot,
    Optional<String> onLockSlot) {

  /** Past this many conditions the W8 placement is not worked out, and W8 stays outside W7. */
  private static final int MAX_ATOMS = 12;

  static WalkShape of(Walker walker) {
    WalkerRoles roles = WalkerRoles.of(walker);
    Rule.Result result = walker.rule(Rule.Result.class).orElseThrow();
    boolean intResults = result.combinator() == Rule.Combinator.INT_OR;
    Optional<Rule.NullHandler> nullHandler = walker.rule(Rule.NullHandler.class);
    boolean jumps = nullHandler.filter(n -> n.policy() == Rule.NullPolicy.JUMP_UNLOCK).isPresent();
    boolean flushAfter =
        walker
            .rule(Rule.Flush.class)
            .filter(f -> f.placement() == Rule.Placement.AFTER)
            .isPresent();
    return new WalkShape(
        intResults,
        intResults || result.stopWhen().isPresent(),
        jumps,
        jumps && flushAfter,
        nullHandler.isPresent() && nullTestFitsUnderLock(walker, roles.handlerSlot()),
        roles.handlerSlot(),
        roles.onLockSlot());
  }

  /**
   * Whether every walk that the lock rule's {@code unless} exempts from locking has a handler, the
   * guards having rejected the others (W1b and W1c do that in kvm.walk: a lockless walk with no
   * handler has either no callback at all or an on_lock). Then the kernel's placement of the W8
   * test, inside the locked branch, is the same walk. Worked out over every value of the flags and
   * callback slots that the condition and the guards read; other names count as unknown, and a
   * guard that is unknown does not count as rejecting.
   */
  static boolean nullTestFitsUnderLock(Walker walker, String handlerSlot) {
    Optional<Rule.Lock> lock = walker.rule(Rule.Lock.class);
    if (lock.isEmpty()
        || lock.get().point() != Rule.LockPoint.FIRST_HIT
        || lock.get().unless().isEmpty()) {
      return false;
    }
    Expr unless = lock.get().unless().get();
    Set<String> atoms = new LinkedHashSet<>();
    collect(unless, walker, atoms);
    walker.guards().forEach(g -> collect(g.when(), walker, atoms));
    atoms.remove(handlerSlot);
    if (atoms.size() > MAX_ATOMS) {
      return false;
    }
    List<String> names = List.copyOf(atoms);
    for (int bits = 0; bits < 1 << names.size(); bits++) {
      Map<String, Value> env = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        env.put(names.get(i), Value.of((bits >> i & 1) == 1));
      }
      env.put(handlerSlot, Value.of(false));
      Evaluator evaluator = new Evaluator(env::get);
      Value skipsLock = evaluator.eval(unless);
      if (skipsLock == null) {
        return false;
      }
      if (skipsLock.asBool() && walker.guards().stream().noneMatch(g -> fires(evaluator, g))) {
        return false;
      }
    }
    return true;
  }

  private static boolean fires(Evaluator evaluator, Rule.Guard guard) {
    Value v = evaluator.eval(guard.when());
    return v != null && v.asBool();
  }

  /** The walker's flags and callback slots that an expression reads. */
  private static void collect(Expr e, Walker walker, Set<String> into) {
    if (e instanceof Expr.Ref r) {
      boolean flag = walker.flags().stream().map(Name::text).anyMatch(r.name()::equals);
      boolean slot =
          walker.callbacks().stream()
              .map(CallbackSlot::name)
              .map(Name::text)
              .anyMatch(r.name()::equals);
      if (flag || slot) {
        into.add(r.name());
      }
    } else if (e instanceof Expr.Unary u) {
      collect(u.operand(), walker, into);
    } else if (e instanceof Expr.Binary b) {
      collect(b.left(), walker, into);
      collect(b.right(), walker, into);
    } else if (e instanceof Expr.Conditional c) {
      collect(c.condition(), walker, into);
      collect(c.then(), walker, into);
      collect(c.otherwise(), walker, into);
    }
  }
}
