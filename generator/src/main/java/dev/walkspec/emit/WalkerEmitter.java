package dev.walkspec.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.walkspec.emit.WalkerPlan.Presence;
import dev.walkspec.model.Constants;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Value;
import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.LockKind;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.api.SlotCursor;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.runtime.trace.TraceEvent;
import dev.walkspec.runtime.trace.TraceSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Emits one walker class from a {@link WalkerPlan}. The body follows the rules in the order the
 * walk applies them (the same order as the reference interpreter), each under a comment citing its
 * rule; whatever the plan fixes is folded away, so a specialized walker has no branch on a
 * compile-time constant.
 */
final class WalkerEmitter {
  private static final ClassName TRACE_EVENT = ClassName.get(TraceEvent.class);
  private final WalkerPlan plan;
  private final CodeBlock.Builder body = CodeBlock.builder();
  private boolean dynamicLockMode;

  private WalkerEmitter(WalkerPlan plan) {
    this.plan = plan;
  }

  static TypeSpec emit(
      WalkerPlan plan, ClassName name, ClassName api, String javadoc, AnnotationSpec generated) {
    return new WalkerEmitter(plan).type(name, api, javadoc, generated);
  }

  private TypeSpec type(ClassName name, ClassName api, String javadoc, AnnotationSpec generated) {
    MethodSpec walk = walkMethod();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(api)
            .addAnnotation(generated)
            .addJavadoc("$L", javadoc);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
    field(type, constructor, ClassName.get(Kvm.class), "kvm", true);
    if (plan.binding.isEmpty()) {
      field(
          type,
          constructor,
          ParameterizedTypeName.get(
              ClassName.get(Map.class), ClassName.get(String.class), ClassName.get(Boolean.class)),
          "config",
          true);
    }
    if (plan.handler != Presence.ABSENT) {
      field(type, constructor, plan.handlerType(), "handler", plan.handler == Presence.PRESENT);
    }
    if (plan.onLock != Presence.ABSENT) {
      field(
          type,
          constructor,
          ClassName.get(OnLockCallback.class),
          "onLock",
          plan.onLock == Presence.PRESENT);
    }
    if (plan.callsNullStub()) {
      field(type, constructor, plan.handlerType(), "nullStub", true);
    }
    field(type, constructor, ClassName.get(TraceSink.class), "trace", true);
    type.addMethod(constructor.build()).addMethod(walk);
    if (plan.binding.isEmpty()) {
      type.addMethod(configMethod()).addMethod(realizeMethod());
    }
    return type.build();
  }

  private static void field(
      TypeSpec.Builder type,
      MethodSpec.Builder constructor,
      TypeName typeName,
      String name,
      boolean required) {
    type.addField(FieldSpec.builder(typeName, name, Modifier.PRIVATE, Modifier.FINAL).build());
    constructor.addParameter(typeName, name);
    if (required) {
      constructor.addStatement(
          "this.$N = $T.requireNonNull($N, $S)", name, Objects.class, name, name);
    } else {
      constructor.addStatement("this.$N = $N", name, name);
    }
  }

  private MethodSpec configMethod() {
    return MethodSpec.methodBuilder("config")
        .addModifiers(Modifier.PRIVATE)
        .returns(TypeName.BOOLEAN)
        .addParameter(String.class, "option")
        .addStatement("return config.getOrDefault(option, false)")
        .build();
  }

  /** A spinlock has one mode: read and write both become spin, as the kernel's macros do. */
  private MethodSpec realizeMethod() {
    return MethodSpec.methodBuilder("realize")
        .addModifiers(Modifier.PRIVATE)
        .returns(LockMode.class)
        .addParameter(LockMode.class, "mode")
        .addStatement(
            "return kvm.mmuLock().kind() == $T.SPINLOCK ? $T.SPIN : mode",
            LockKind.class,
            LockMode.class)
        .build();
  }

  private MethodSpec walkMethod() {
    plan.inputStatements.forEach(body::addStatement);
    // Whether a sink listens, read once per walk into a local: a field read per slot is one the
    // JIT cannot fold, a few percent of a walk over 512 slots (docs/benchmarks.md, benchmark 1).
    body.addStatement("boolean tracing = trace.enabled()");
    if (guards()) {
      walkProper();
    }
    return MethodSpec.methodBuilder("walk")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(WalkResult.class)
        .addParameters(plan.walkParameters)
        .addCode(body.build())
        .build();
  }

  /** W1. Returns false when a guard always fires, so nothing after it can run. */
  private boolean guards() {
    for (Rule.Guard guard : plan.walker.guards()) {
      body.add(
          "// $L $L: warn and return when $L\n",
          guard.id().text(),
          guard.label().text(),
          guard.when());
      Boolean fires = plan.folding.constant(guard.when());
      if (Boolean.FALSE.equals(fires)) {
        body.add("// (cannot fire here)\n");
      } else if (Boolean.TRUE.equals(fires)) {
        warnAndReturn(guard);
        return false;
      } else {
        body.beginControlFlow("if ($L)", plan.condition(guard.when()));
        warnAndReturn(guard);
        body.endControlFlow();
      }
    }
    return true;
  }

  private void warnAndReturn(Rule.Guard guard) {
    body.beginControlFlow("if (tracing)");
    body.addStatement("trace.emit(new $T.Warn($S))", TRACE_EVENT, guard.id().text());
    body.addStatement(
        "trace.emit(new $T.Result($S, false))", TRACE_EVENT, plan.intResults ? "0" : "false");
    body.endControlFlow();
    body.addStatement("return $T.NOTHING", WalkResult.class);
  }

  private void walkProper() {
    Optional<Rule.Section> srcu = plan.walker.rule(Rule.Section.class);
    srcu.ifPresent(
        s -> {
          body.add("// $L: the SRCU read section holds across the whole walk\n", s.id().text());
          body.addStatement("int srcuIndex = kvm.srcu().readLock()");
          trace("new $T.SrcuLock()", TRACE_EVENT);
        });
    body.addStatement("boolean found = false");
    body.addStatement(plan.intResults ? "long ret = 0L" : "boolean ret = false");
    Optional<Rule.Lock> lock = plan.walker.rule(Rule.Lock.class);
    dynamicLockMode = lock.isPresent() && staticLockMode(lock.get()).isEmpty();
    if (dynamicLockMode) {
      body.addStatement("$T lockMode = null", LockMode.class);
    }
    boolean canJump = canJump();
    if (canJump) {
      body.addStatement("boolean jumped = false");
    }
    lock.filter(l -> l.point() == Rule.LockPoint.WALK_START).ifPresent(this::lock);
    loops(lock);
    plan.walker
        .rule(Rule.Flush.class)
        .filter(f -> f.placement() == Rule.Placement.BEFORE)
        .ifPresent(f -> flush(f, canJump));
    plan.walker.rule(Rule.Unlock.class).ifPresent(this::unlock);
    plan.walker
        .rule(Rule.Flush.class)
        .filter(f -> f.placement() == Rule.Placement.AFTER)
        .ifPresent(f -> flush(f, canJump));
    srcu.ifPresent(
        s -> {
          body.addStatement("kvm.srcu().readUnlock(srcuIndex)");
          trace("new $T.SrcuUnlock()", TRACE_EVENT);
        });
    Rule.Return ret = plan.walker.rule(Rule.Return.class).orElseThrow();
    body.add("// $L: return ret and found_memslot\n", ret.id().text());
    if (plan.intResults) {
      trace("new $T.Result($T.toString(ret), found)", TRACE_EVENT, Long.class);
      body.addStatement("return new $T(ret, found)", WalkResult.class);
    } else {
      trace("new $T.Result($T.toString(ret), found)", TRACE_EVENT, Boolean.class);
      body.addStatement("return $T.of(ret, found)", WalkResult.class);
    }
  }

  /** W8: a jump to the unlock (skipping the flush) can happen only with a possibly null handler. */
  private boolean canJump() {
    return plan.handler != Presence.PRESENT
        && plan.walker
            .rule(Rule.NullHandler.class)
            .filter(n -> n.policy() == Rule.NullPolicy.JUMP_UNLOCK)
            .isPresent();
  }

  private void loops(Optional<Rule.Lock> lock) {
    Rule.VisitAddressSpaces spaces = plan.walker.rule(Rule.VisitAddressSpaces.class).orElseThrow();
    Rule.VisitSlots visit = plan.walker.rule(Rule.VisitSlots.class).orElseThrow();
    Rule.Clip clip = plan.walker.rule(Rule.Clip.class).orElseThrow();
    Rule.GfnRange gfn = plan.walker.rule(Rule.GfnRange.class).orElseThrow();
    CodeBlock count =
        plan.profile
            .map(p -> CodeBlock.of("$L", p.addressSpaces()))
            .orElse(CodeBlock.of("kvm.addressSpaces()"));
    body.add("// $L: every address space in order\n", spaces.id().text());
    body.beginControlFlow("walk:\nfor (int as = 0; as < $L; as++)", count);
    body.add(
        "// $L: the slots overlapping [$L, $L], in interval tree order\n",
        visit.id().text(),
        visit.low(),
        visit.high());
    body.addStatement(
        "$T slots = kvm.memslots(as).overlapping($L, $L)",
        SlotCursor.class,
        plan.condition(visit.low()),
        plan.condition(visit.high()));
    body.beginControlFlow("while (slots.hasNext())");
    body.addStatement("$T slot = slots.next()", MemSlot.class);
    body.add("// $L: clip the hva range to the slot\n", clip.id().text());
    body.addStatement(
        "long hvaStart = Math.max($L, slot.userspaceAddr())", plan.javaNames.get("start"));
    body.addStatement("long hvaEnd = Math.min($L, slot.hvaEnd())", plan.javaNames.get("end"));
    body.add("// $L: gfn = $L\n", gfn.id().text(), gfn.rounding().word());
    body.addStatement("long gfnStart = slot.hvaToGfn(hvaStart)");
    body.addStatement(
        gfn.rounding() == Rule.Rounding.ROUND_OUT
            ? "long gfnEnd = slot.hvaToGfn(hvaEnd + 4095L)"
            : "long gfnEnd = slot.hvaToGfn(hvaEnd)");
    firstHit(lock);
    if (plan.handler == Presence.PRESENT
        || plan.handler == Presence.RUNTIME
        || plan.callsNullStub()) {
      call();
    }
    body.endControlFlow();
    body.endControlFlow();
  }

  private void firstHit(Optional<Rule.Lock> lock) {
    body.beginControlFlow("if (!found)");
    body.addStatement("found = true");
    lock.filter(l -> l.point() == Rule.LockPoint.FIRST_HIT).ifPresent(this::lock);
    plan.walker.rule(Rule.NullHandler.class).ifPresent(this::nullHandler);
    body.endControlFlow();
  }

  private void nullHandler(Rule.NullHandler rule) {
    if (plan.handler == Presence.PRESENT) {
      return;
    }
    boolean jump = rule.policy() == Rule.NullPolicy.JUMP_UNLOCK;
    body.add(
        "// $L: a null handler $L\n",
        rule.id().text(),
        jump ? "jumps to the unlock" : "breaks the slot loop");
    if (plan.handler == Presence.RUNTIME) {
      body.beginControlFlow("if (handler == null)");
    }
    if (jump) {
      body.addStatement("jumped = true");
      body.addStatement("break walk");
    } else {
      body.addStatement("break");
    }
    if (plan.handler == Presence.RUNTIME) {
      body.endControlFlow();
    }
  }

  /** W7: take the lock unless the walk is lockless, then run on_lock. */
  private void lock(Rule.Lock lock) {
    body.add(
        "// $L: lock $L $L at $L$L\n",
        lock.id().text(),
        lock.lock().text(),
        lock.mode(),
        lock.point().word(),
        lock.unless().map(u -> " unless " + u).orElse(""));
    // A fold that stays unknown gives null: that must mean "test at run time", not "never".
    Boolean skipped =
        lock.unless().isPresent() ? plan.folding.constant(lock.unless().get()) : Boolean.FALSE;
    if (Boolean.TRUE.equals(skipped)) {
      body.add("// (no lock here)\n");
      return;
    }
    if (skipped == null) {
      body.beginControlFlow("if (!($L))", plan.condition(lock.unless().get()));
    }
    Optional<LockMode> mode = staticLockMode(lock);
    if (mode.isPresent()) {
      body.addStatement("kvm.mmuLock().$L()", acquire(mode.get()));
      trace("new $T.Lock($T.$L)", TRACE_EVENT, LockMode.class, mode.get().name());
    } else {
      body.addStatement("lockMode = realize($L)", plan.condition(lock.mode()));
      body.addStatement("kvm.mmuLock().acquire(lockMode)");
      trace("new $T.Lock(lockMode)", TRACE_EVENT);
    }
    lock.onLock().ifPresent(slot -> onLock());
    if (skipped == null) {
      body.endControlFlow();
    }
  }

  private void onLock() {
    if (plan.onLock == Presence.ABSENT) {
      return;
    }
    String name = plan.onLockName.orElse("on_lock");
    if (plan.onLock == Presence.RUNTIME) {
      body.beginControlFlow("if (onLock != null)");
    }
    body.addStatement("onLock.run(kvm)");
    trace("new $T.OnLock($S)", TRACE_EVENT, name);
    if (plan.onLock == Presence.RUNTIME) {
      body.endControlFlow();
    }
  }

  /** The realized lock mode when it is known at generation time. */
  private Optional<LockMode> staticLockMode(Rule.Lock lock) {
    if (plan.profile.isEmpty()) {
      return Optional.empty();
    }
    Expr folded = plan.folding.fold(lock.mode());
    if (!(folded instanceof Expr.Ref r) || Constants.named(r.name()).isEmpty()) {
      return Optional.empty();
    }
    Value realized = plan.profile.get().realize(Constants.named(r.name()).get());
    return Optional.of(LockMode.valueOf(realized.toString().toUpperCase(Locale.ROOT)));
  }

  private static String acquire(LockMode mode) {
    return switch (mode) {
      case WRITE -> "lockWrite";
      case READ -> "lockRead";
      case SPIN -> "lock";
    };
  }

  private static String release(LockMode mode) {
    return switch (mode) {
      case WRITE -> "unlockWrite";
      case READ -> "unlockRead";
      case SPIN -> "unlock";
    };
  }

  /** W9 and W13: call the handler on the gfn range, combine its result, maybe stop (V6, V7). */
  private void call() {
    Rule.Result result = plan.walker.rule(Rule.Result.class).orElseThrow();
    body.add(
        "// $L: $L = $L($L)$L\n",
        result.id().text(),
        result.variable().text(),
        result.combinator().word(),
        result.handler().text(),
        result.stopWhen().map(s -> ", stop when " + s).orElse(""));
    String callee =
        plan.handler == Presence.PRESENT
            ? "handler"
            : plan.handler == Presence.ABSENT
                ? "nullStub"
                : plan.callsNullStub() ? "(handler != null ? handler : nullStub)" : "handler";
    body.addStatement(
        "$T range = new $T(slot, gfnStart, gfnEnd, $L, $T.SHARED, $L, $L)",
        GfnRange.class,
        GfnRange.class,
        passed("arg", "0L"),
        AttrFilter.class,
        passed("may_block", "false"),
        passed("lockless", "false"));
    if (plan.intResults) {
      body.addStatement("int result = $L.handle(kvm, range)", callee);
      trace(
          "new $T.Call(as, slot.id(), gfnStart, gfnEnd, $T.toString(result))",
          TRACE_EVENT,
          Integer.class);
      body.beginControlFlow("if (result < 0)");
      body.addStatement("ret = result");
      body.addStatement("break walk");
      body.endControlFlow();
      body.addStatement("ret |= result");
    } else {
      body.addStatement("boolean result = $L.handle(kvm, range)", callee);
      trace(
          "new $T.Call(as, slot.id(), gfnStart, gfnEnd, $T.toString(result))",
          TRACE_EVENT,
          Boolean.class);
      body.addStatement("ret |= result");
    }
    result
        .stopWhen()
        .ifPresent(
            stop -> {
              Boolean always = plan.folding.constant(stop);
              if (Boolean.TRUE.equals(always)) {
                body.addStatement("break walk");
              } else if (always == null) {
                body.beginControlFlow("if ($L)", plan.condition(stop));
                body.addStatement("break walk");
                body.endControlFlow();
              }
            });
  }

  /** W13: a pass-through input as the handler sees it, or its default when not passed. */
  private CodeBlock passed(String name, String fallback) {
    boolean passed =
        plan.walker.rule(Rule.Pass.class).stream()
            .anyMatch(p -> p.values().stream().anyMatch(v -> v.text().equals(name)));
    if (!passed || (!plan.walker.hasFlag(name) && plan.walker.input(name).isEmpty())) {
      return CodeBlock.of("$L", fallback);
    }
    return plan.condition(new Expr.Ref(name, plan.walker.pos()));
  }

  private void flush(Rule.Flush flush, boolean canJump) {
    body.add(
        "// $L: flush remote TLBs once when $L, $L the unlock\n",
        flush.id().text(),
        flush.when(),
        flush.placement().name().toLowerCase(Locale.ROOT));
    Boolean always = plan.folding.constant(flush.when());
    if (Boolean.FALSE.equals(always)) {
      body.add("// (never here)\n");
      return;
    }
    List<CodeBlock> conditions = new ArrayList<>();
    if (canJump) {
      conditions.add(CodeBlock.of("!jumped"));
    }
    if (always == null) {
      CodeBlock condition = plan.condition(flush.when());
      conditions.add(canJump ? CodeBlock.of("($L)", condition) : condition);
    }
    if (conditions.isEmpty()) {
      flushStatements();
      return;
    }
    body.beginControlFlow("if ($L)", CodeBlock.join(conditions, " && "));
    flushStatements();
    body.endControlFlow();
  }

  private void flushStatements() {
    body.addStatement("kvm.flushRemoteTlbs()");
    trace("new $T.Flush()", TRACE_EVENT);
  }

  /** W11: release the lock when the rule's condition holds. */
  private void unlock(Rule.Unlock unlock) {
    body.add("// $L: unlock $L when $L\n", unlock.id().text(), unlock.lock().text(), unlock.when());
    Boolean always = plan.folding.constant(unlock.when());
    if (Boolean.FALSE.equals(always)) {
      body.add("// (never here)\n");
      return;
    }
    if (always == null) {
      body.beginControlFlow("if ($L)", plan.condition(unlock.when()));
    }
    Rule.Lock lock = plan.walker.rule(Rule.Lock.class).orElseThrow();
    Optional<LockMode> mode = staticLockMode(lock);
    if (mode.isPresent()) {
      body.addStatement("kvm.mmuLock().$L()", release(mode.get()));
      trace("new $T.Unlock($T.$L)", TRACE_EVENT, LockMode.class, mode.get().name());
    } else {
      body.addStatement("kvm.mmuLock().release(lockMode)");
      trace("new $T.Unlock(lockMode)", TRACE_EVENT);
    }
    if (always == null) {
      body.endControlFlow();
    }
  }

  /** Records an event only when a sink is attached: {@code tracing} is false for OFF. */
  private void trace(String event, Object... args) {
    body.beginControlFlow("if (tracing)");
    body.addStatement("trace.emit(" + event + ")", args);
    body.endControlFlow();
  }
}
