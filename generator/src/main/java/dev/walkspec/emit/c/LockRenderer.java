package dev.walkspec.emit.c;

import dev.walkspec.model.Constants;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Rule;
import java.util.Optional;

/**
 * W7 (the lock and on_lock), W8 (the null handler) and W11 (the unlock). The kernel's {@code
 * KVM_MMU_LOCK} is the rwlock for write where there is one ({@code KVM_HAVE_MMU_RWLOCK}) and the
 * spinlock elsewhere, which is exactly what the modes {@code write} and {@code spin} mean; a walk
 * that locks for {@code read} has no kernel macro, so the rendering defines one beside the walk.
 */
final class LockRenderer {
  static final String UNLOCK_LABEL = "mmu_unlock";
  static final String SKIP_FLUSH = "skip_flush";

  private final WalkContext ctx;
  private final Optional<Rule.Lock> lock;

  LockRenderer(WalkContext ctx) {
    this.ctx = ctx;
    this.lock = ctx.walker().rule(Rule.Lock.class);
  }

  /** The read-side macros, when some mode of W7 is {@code read}. */
  void readMacros(CWriter w) {
    if (lock.isEmpty() || !mentionsRead(lock.get().mode())) {
      return;
    }
    w.rule(
        lock.get().id().text(),
        "the MMU lock for read: the rwlock's read side, or the spinlock where there is no rwlock.");
    w.line("#ifdef KVM_HAVE_MMU_RWLOCK");
    w.line("#define KVM_MMU_READ_LOCK(kvm)\t\tread_lock(&(kvm)->mmu_lock)");
    w.line("#define KVM_MMU_READ_UNLOCK(kvm)\tread_unlock(&(kvm)->mmu_lock)");
    w.line("#else");
    w.line("#define KVM_MMU_READ_LOCK(kvm)\t\tKVM_MMU_LOCK(kvm)");
    w.line("#define KVM_MMU_READ_UNLOCK(kvm)\tKVM_MMU_UNLOCK(kvm)");
    w.line("#endif");
    w.noRule().blank();
  }

  /** W7 before the loops, for a lock taken at the start of the walk. */
  void atWalkStart(CWriter w) {
    if (lock.isPresent() && lock.get().point() == Rule.LockPoint.WALK_START) {
      Rule.Lock l = lock.get();
      w.rule(l.id().text(), "lock " + modeWords(l) + " at the start of the walk" + unlessWords(l));
      lockAndOnLock(w, l, false);
      w.blank();
    }
  }

  /**
   * The first slot hit of the whole walk: found_memslot, the lazy lock of W7 (first_hit), and W8.
   */
  void atFirstHit(CWriter w) {
    boolean lazy = lock.isPresent() && lock.get().point() == Rule.LockPoint.FIRST_HIT;
    if (lazy) {
      Rule.Lock l = lock.get();
      w.rule(
          l.id().text(),
          "at the first slot hit of the walk, lock " + modeWords(l) + unlessWords(l));
    } else {
      w.rule(returnRule(), "found_memslot records the first slot hit of the walk.");
    }
    w.open("if (!r.found_memslot)");
    w.line("r.found_memslot = true;");
    if (lazy) {
      lockAndOnLock(w, lock.get(), ctx.shape().nullTestUnderLock());
    }
    if (!lazy || !ctx.shape().nullTestUnderLock()) {
      nullHandler(w);
    }
    w.close();
  }

  private void lockAndOnLock(CWriter w, Rule.Lock l, boolean withNullTest) {
    if (l.unless().isPresent()) {
      w.open("if (" + ctx.c().not(l.unless().get()) + ")");
    }
    modeStatement(w, l.mode(), "LOCK");
    l.onLock()
        .ifPresent(
            slot ->
                w.body(
                    "if (!IS_KVM_NULL_FN(" + ctx.field(slot.text()) + "))",
                    ctx.field(slot.text()) + "(kvm);"));
    if (withNullTest) {
      nullHandler(w);
    }
    if (l.unless().isPresent()) {
      w.close();
    }
  }

  /** W8: what a walk with a null handler does at its first hit. */
  private void nullHandler(CWriter w) {
    Optional<Rule.NullHandler> rule = ctx.walker().rule(Rule.NullHandler.class);
    if (rule.isEmpty()) {
      return;
    }
    String test = "if (IS_KVM_NULL_FN(" + ctx.field(ctx.shape().handlerSlot()) + "))";
    String id = rule.get().id().text();
    if (rule.get().policy() == Rule.NullPolicy.BREAK_SLOTS) {
      w.rule(id, "a null handler breaks out of the slot loop only.");
      w.body(test, "break;");
    } else if (ctx.shape().skipFlushFlag()) {
      w.rule(id, "a null handler jumps to the unlock; no flush after it.");
      w.open(test).line(SKIP_FLUSH + " = true;").line("goto " + UNLOCK_LABEL + ";").close();
    } else {
      w.rule(id, "a null handler jumps to the unlock (no flush).");
      w.body(test, "goto " + UNLOCK_LABEL + ";");
    }
  }

  /** W11, preceded by the label W8 jumps to. */
  void unlock(CWriter w) {
    if (ctx.shape().jumpsToUnlock()) {
      w.rule(ctx.walker().rule(Rule.NullHandler.class).orElseThrow().id().text());
      w.label(UNLOCK_LABEL);
    }
    ctx.walker()
        .rule(Rule.Unlock.class)
        .ifPresent(
            u -> {
              w.rule(u.id().text(), "unlock when " + u.when() + ".");
              Expr mode = lock.map(Rule.Lock::mode).orElse(new Expr.Ref("write", u.pos()));
              if (isSingle(mode)) {
                w.body("if (" + ctx.c().of(u.when()) + ")", macro(mode, "UNLOCK"));
              } else {
                w.open("if (" + ctx.c().of(u.when()) + ")");
                modeStatement(w, mode, "UNLOCK");
                w.close();
              }
              w.blank();
            });
  }

  /** The lock or unlock macro of a mode; a conditional mode becomes an if/else. */
  private void modeStatement(CWriter w, Expr mode, String action) {
    if (mode instanceof Expr.Conditional c) {
      String test = "if (" + ctx.c().of(c.condition()) + ")";
      if (isSingle(c.then()) && isSingle(c.otherwise())) {
        w.body(test, macro(c.then(), action));
        w.body("else", macro(c.otherwise(), action));
      } else {
        w.open(test);
        modeStatement(w, c.then(), action);
        w.orElse();
        modeStatement(w, c.otherwise(), action);
        w.close();
      }
    } else {
      w.line(macro(mode, action));
    }
  }

  private static boolean isSingle(Expr mode) {
    return !(mode instanceof Expr.Conditional);
  }

  private static String macro(Expr mode, String action) {
    boolean read = mode instanceof Expr.Ref r && Constants.READ.toString().equals(r.name());
    return "KVM_MMU_" + (read ? "READ_" : "") + action + "(kvm);";
  }

  private static boolean mentionsRead(Expr e) {
    if (e instanceof Expr.Ref r) {
      return r.name().equals(Constants.READ.toString());
    }
    return e instanceof Expr.Conditional c
        && (mentionsRead(c.then()) || mentionsRead(c.otherwise()));
  }

  private static String modeWords(Rule.Lock l) {
    return l.mode() instanceof Expr.Ref r ? "for " + r.name() : "in mode " + l.mode();
  }

  private static String unlessWords(Rule.Lock l) {
    String then = l.onLock().map(s -> "; then " + s.text()).orElse("");
    return l.unless().map(u -> ", unless " + u).orElse("") + then + ".";
  }

  private String returnRule() {
    return ctx.walker().rule(Rule.Return.class).map(r -> r.id().text()).orElse("");
  }
}
