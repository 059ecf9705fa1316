package dev.walkspec.check;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Type;
import dev.walkspec.model.Walker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks that hold on every path of a walk, by enumerating every combination of the walker's
 * boolean conditions: the flags, which callbacks are present, whether a slot was hit
 * (found_memslot), the result, and each comparison the rules make (treated as a free atom, so the
 * check may see combinations the inputs cannot produce, never miss one they can).
 */
final class PathChecker {
  /** 2^20 combinations take well under a second; beyond that the check is skipped (WS312). */
  static final int MAX_ATOMS = 20;

  private final Spec spec;
  private final Diagnostics diagnostics;

  PathChecker(Spec spec, Diagnostics diagnostics) {
    this.spec = spec;
    this.diagnostics = diagnostics;
  }

  void run(Walker walker) {
    Scope scope = WalkerChecks.scope(spec, walker);
    Atoms atoms = new Atoms(scope);
    WalkerRoles roles = WalkerRoles.of(walker);
    atoms.addVariable(WalkerChecks.FOUND);
    atoms.addVariable(roles.handlerSlot());
    roles.onLockSlot().ifPresent(atoms::addVariable);
    conditions(walker).forEach(atoms::collect);
    if (atoms.size() > MAX_ATOMS) {
      diagnostics.report(
          DiagnosticCode.WS312,
          walker.name().pos(),
          atoms.size(),
          "the walker " + walker.name().text());
      return;
    }
    List<Long> worlds = atoms.worlds(constraint(walker, roles, scope, atoms));
    checkGuards(walker, atoms, worlds);
    List<Long> admitted =
        worlds.stream()
            .filter(w -> walker.guards().stream().noneMatch(g -> atoms.eval(g.when(), w)))
            .toList();
    checkLockBalance(walker, atoms, admitted);
    checkOnLock(walker, roles, atoms, admitted);
    checkReachable(walker, atoms, admitted);
  }

  private static List<Expr> conditions(Walker walker) {
    List<Expr> conditions = new ArrayList<>();
    walker.guards().forEach(g -> conditions.add(g.when()));
    walker.rule(Rule.Lock.class).flatMap(Rule.Lock::unless).ifPresent(conditions::add);
    walker.rule(Rule.Unlock.class).ifPresent(u -> conditions.add(u.when()));
    walker.rule(Rule.Flush.class).ifPresent(f -> conditions.add(f.when()));
    walker.rule(Rule.Result.class).flatMap(Rule.Result::stopWhen).ifPresent(conditions::add);
    return conditions;
  }

  /** A result needs a handler call, and a handler call needs a slot hit (W9, W7). */
  private static Predicate<Long> constraint(
      Walker walker, WalkerRoles roles, Scope scope, Atoms atoms) {
    boolean boolResult = scope.typeOf(WalkerChecks.RET).orElse(Type.INT) == Type.BOOL;
    boolean stubCalled =
        walker
            .rule(Rule.NullHandler.class)
            .filter(n -> n.policy() == Rule.NullPolicy.BREAK_SLOTS)
            .isPresent();
    return w -> {
      if (!boolResult || !atoms.value(WalkerChecks.RET, w, false)) {
        return true;
      }
      return atoms.value(WalkerChecks.FOUND, w, false)
          && (stubCalled || atoms.value(roles.handlerSlot(), w, true));
    };
  }

  private void checkGuards(Walker walker, Atoms atoms, List<Long> worlds) {
    List<Rule.Guard> guards = walker.guards();
    for (int k = 0; k < guards.size(); k++) {
      Rule.Guard guard = guards.get(k);
      List<Rule.Guard> before = guards.subList(0, k);
      boolean ever = worlds.stream().anyMatch(w -> atoms.eval(guard.when(), w));
      boolean reachable =
          worlds.stream()
              .anyMatch(
                  w ->
                      atoms.eval(guard.when(), w)
                          && before.stream().noneMatch(b -> atoms.eval(b.when(), w)));
      if (!ever) {
        diagnostics.report(
            DiagnosticCode.WS305, guard.id().pos(), guard.id().text(), "its condition never holds");
      } else if (!reachable) {
        String names = before.stream().map(b -> b.id().text()).collect(Collectors.joining(", "));
        diagnostics.report(
            DiagnosticCode.WS305,
            guard.id().pos(),
            guard.id().text(),
            "the guards before it (" + names + ") already stop every walk it would stop");
      }
    }
  }

  /** W7 and W11 must agree: every path that takes the lock releases it, and only those. */
  private void checkLockBalance(Walker walker, Atoms atoms, List<Long> worlds) {
    Optional<Rule.Lock> lock = walker.rule(Rule.Lock.class);
    if (lock.isEmpty()) {
      return;
    }
    Optional<Rule.Unlock> unlock = walker.rule(Rule.Unlock.class);
    Predicate<Long> taken = w -> locks(lock.get(), atoms, w);
    Predicate<Long> released = w -> unlock.isPresent() && atoms.eval(unlock.get().when(), w);
    Set<String> shown = new LinkedHashSet<>();
    shown.add(WalkerChecks.FOUND);
    lock.get().unless().ifPresent(e -> shown.addAll(atoms.atomsOf(e)));
    unlock.ifPresent(u -> shown.addAll(atoms.atomsOf(u.when())));
    worlds.stream()
        .filter(taken.and(released.negate()))
        .findFirst()
        .ifPresent(
            w ->
                diagnostics.report(
                    DiagnosticCode.WS302,
                    lock.get().id().pos(),
                    lock.get().id().text(),
                    unlock.map(u -> u.id().text()).orElse("any unlock rule"),
                    atoms.describe(w, shown)));
    unlock.ifPresent(
        u ->
            worlds.stream()
                .filter(released.and(taken.negate()))
                .findFirst()
                .ifPresent(
                    w ->
                        diagnostics.report(
                            DiagnosticCode.WS303,
                            u.id().pos(),
                            u.id().text(),
                            atoms.describe(w, shown))));
  }

  static boolean locks(Rule.Lock lock, Atoms atoms, long w) {
    boolean reached =
        lock.point() == Rule.LockPoint.WALK_START || atoms.value(WalkerChecks.FOUND, w, false);
    return reached && lock.unless().map(u -> !atoms.eval(u, w)).orElse(true);
  }

  /** W1c: an on_lock callback in a walk that takes no lock would silently not run. */
  private void checkOnLock(Walker walker, WalkerRoles roles, Atoms atoms, List<Long> worlds) {
    Optional<Rule.Lock> lock = walker.rule(Rule.Lock.class);
    if (lock.isEmpty() || lock.get().unless().isEmpty() || roles.onLockSlot().isEmpty()) {
      return;
    }
    String slot = roles.onLockSlot().get();
    Expr unless = lock.get().unless().get();
    boolean possible =
        worlds.stream().anyMatch(w -> atoms.value(slot, w, false) && atoms.eval(unless, w));
    if (possible) {
      diagnostics.report(DiagnosticCode.WS304, unless.pos(), slot, "unless " + unless);
    }
  }

  private void checkReachable(Walker walker, Atoms atoms, List<Long> worlds) {
    walker
        .rule(Rule.Flush.class)
        .ifPresent(
            f -> {
              if (worlds.stream().noneMatch(w -> atoms.eval(f.when(), w))) {
                diagnostics.report(
                    DiagnosticCode.WS305,
                    f.id().pos(),
                    f.id().text(),
                    "its condition never holds in a walk the guards let through");
              }
            });
    walker
        .rule(Rule.Result.class)
        .flatMap(r -> r.stopWhen().map(s -> Map.entry(r, s)))
        .ifPresent(
            e -> {
              if (worlds.stream().noneMatch(w -> atoms.eval(e.getValue(), w))) {
                diagnostics.report(
                    DiagnosticCode.WS305,
                    e.getValue().pos(),
                    e.getKey().id().text() + " stop",
                    "its condition never holds in a walk the guards let through");
              }
            });
  }

  /** The boolean atoms of a walker's conditions, and evaluation over an assignment to them. */
  static final class Atoms {
    private final Scope scope;
    private final Set<String> names = new LinkedHashSet<>();
    private final Map<String, Integer> index = new HashMap<>();

    Atoms(Scope scope) {
      this.scope = scope;
    }

    int size() {
      return names.size();
    }

    void addVariable(String name) {
      if (!name.isEmpty() && names.add(name)) {
        index.put(name, index.size());
      }
    }

    void collect(Expr e) {
      atomsOf(e).forEach(this::addVariable);
    }

    /** The atom's value in world w; {@code absent} when the walker has no such atom. */
    boolean value(String atom, long w, boolean absent) {
      Integer bit = index.get(atom);
      return bit == null ? absent : (w >> bit & 1) == 1;
    }

    Set<String> atomsOf(Expr e) {
      Set<String> out = new LinkedHashSet<>();
      walk(e, out);
      return out;
    }

    private void walk(Expr e, Set<String> out) {
      if (e instanceof Expr.BoolLit) {
        return;
      }
      if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
        walk(u.operand(), out);
      } else if (e instanceof Expr.Binary b && isConnective(b)) {
        walk(b.left(), out);
        walk(b.right(), out);
      } else if (e instanceof Expr.Conditional c && isBool(c.then())) {
        walk(c.condition(), out);
        walk(c.then(), out);
        walk(c.otherwise(), out);
      } else {
        out.add(e.toString());
      }
    }

    private boolean isConnective(Expr.Binary b) {
      return switch (b.op()) {
        case AND, OR -> true;
        case EQ, NE -> isBool(b.left());
        default -> false;
      };
    }

    private boolean isBool(Expr e) {
      if (e instanceof Expr.Ref r) {
        return scope.typeOf(r.name()).orElse(Type.BOOL) == Type.BOOL;
      } else if (e instanceof Expr.IntLit) {
        return false;
      } else if (e instanceof Expr.Unary u) {
        return u.op() == Expr.UnaryOp.NOT;
      } else if (e instanceof Expr.Conditional c) {
        return isBool(c.then());
      } else if (e instanceof Expr.Binary b) {
        return b.op() != Expr.BinaryOp.ADD && b.op() != Expr.BinaryOp.SUB;
      }
      return true;
    }

    boolean eval(Expr e, long w) {
      if (e instanceof Expr.BoolLit b) {
        return b.value();
      } else if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
        return !eval(u.operand(), w);
      } else if (e instanceof Expr.Binary b && isConnective(b)) {
        return switch (b.op()) {
          case AND -> eval(b.left(), w) && eval(b.right(), w);
          case OR -> eval(b.left(), w) || eval(b.right(), w);
          case EQ -> eval(b.left(), w) == eval(b.right(), w);
          default -> eval(b.left(), w) != eval(b.right(), w);
        };
      } else if (e instanceof Expr.Conditional c && isBool(c.then())) {
        return eval(c.condition(), w) ? eval(c.then(), w) : eval(c.otherwise(), w);
      }
      return value(e.toString(), w, false);
    }

    /** Every assignment to the atoms that satisfies the constraint, as bit sets. */
    List<Long> worlds(Predicate<Long> constraint) {
      List<Long> worlds = new ArrayList<>();
      for (long bits = 0; bits < (1L << names.size()); bits++) {
        if (constraint.test(bits)) {
          worlds.add(bits);
        }
      }
      return worlds;
    }

    String describe(long w, Set<String> shown) {
      return shown.stream()
          .filter(index::containsKey)
          .map(a -> a + "=" + value(a, w, false))
          .collect(Collectors.joining(", "));
    }
  }
}
