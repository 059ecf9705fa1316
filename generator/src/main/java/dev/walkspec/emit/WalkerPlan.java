package dev.walkspec.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.Checker;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Walker;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.IntGfnHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the walker emitter needs to know about one generated walker: what is fixed (and so
 * folded away), what stays a parameter, and the Java name of every spec name the residual
 * conditions read. Specialized walkers fix an operation on a profile; the generic walker fixes
 * nothing but the spec.
 */
final class WalkerPlan {
  /** Whether the handler (or on_lock) is known absent, known present, or decided at run time. */
  enum Presence {
    ABSENT,
    PRESENT,
    RUNTIME
  }

  final CheckedSpec checked;
  final Walker walker;
  final WalkerRoles roles;
  final Optional<Binding> binding;
  final Optional<ResolvedProfile> profile;
  final Folding folding;
  final NameAllocator locals = new NameAllocator();
  final Map<String, CodeBlock> javaNames = new LinkedHashMap<>();
  final List<ParameterSpec> walkParameters = new ArrayList<>();

  /** For each walk parameter, how a generated suite computes it from {@code scenario}. */
  final List<CodeBlock> invokerArguments = new ArrayList<>();

  final List<CodeBlock> inputStatements = new ArrayList<>();
  final Presence handler;
  final Presence onLock;
  final Optional<String> onLockName;
  final boolean intResults;

  private WalkerPlan(CheckedSpec checked, Walker walker, Optional<Binding> binding) {
    this.checked = checked;
    this.walker = walker;
    this.roles = WalkerRoles.of(walker);
    this.binding = binding;
    this.profile = binding.map(Binding::profile);
    this.folding = new Folding(binding.map(Checker::environment).orElse(n -> null));
    this.intResults =
        walker
            .rule(Rule.Result.class)
            .filter(r -> r.combinator() == Rule.Combinator.INT_OR)
            .isPresent();
    for (String reserved :
        List.of(
            "kvm",
            "handler",
            "onLock",
            "nullStub",
            "trace",
            "config",
            "srcuIndex",
            "found",
            "ret",
            "as",
            "slots",
            "slot",
            "hvaStart",
            "hvaEnd",
            "gfnStart",
            "gfnEnd",
            "result",
            "lockMode",
            "jumped",
            "walk")) {
      locals.newName(reserved, reserved);
    }
    javaNames.put("found_memslot", CodeBlock.of("found"));
    javaNames.put("ret", CodeBlock.of("ret"));
    if (binding.isPresent()) {
      Binding b = binding.get();
      this.handler =
          b.callback(roles.handlerSlot()).isPresent() ? Presence.PRESENT : Presence.ABSENT;
      this.onLockName = roles.onLockSlot().flatMap(b::callback);
      this.onLock = onLockName.isPresent() ? Presence.PRESENT : Presence.ABSENT;
      bindOperation(b);
    } else {
      this.handler = Presence.RUNTIME;
      this.onLock = roles.onLockSlot().isPresent() ? Presence.RUNTIME : Presence.ABSENT;
      this.onLockName = roles.onLockSlot();
      bindGeneric();
    }
  }

  static WalkerPlan specialized(CheckedSpec checked, Binding binding) {
    return new WalkerPlan(checked, binding.walker(), Optional.of(binding));
  }

  static WalkerPlan generic(CheckedSpec checked, Walker walker) {
    return new WalkerPlan(checked, walker, Optional.empty());
  }

  /** Operation parameters and param flags become method parameters; inputs are bound to them. */
  private void bindOperation(Binding b) {
    Map<String, CodeBlock> params = new LinkedHashMap<>();
    List<String> bounds = List.of("scenario.start()", "scenario.end()");
    for (TypedName param : b.params()) {
      invokerArguments.add(
          CodeBlock.of("$L", walkParameters.size() < 2 ? bounds.get(walkParameters.size()) : "0L"));
      String java =
          locals.newName(JavaNames.lowerCamel(param.name().text()), "param:" + param.name().text());
      walkParameters.add(ParameterSpec.builder(TypeName.LONG, java).build());
      params.put(param.name().text(), CodeBlock.of("$N", java));
    }
    for (Name flag : walker.flags()) {
      if (b.paramFlags().contains(flag.text())) {
        invokerArguments.add(CodeBlock.of("scenario.flags().getOrDefault($S, false)", flag.text()));
        String java = locals.newName(JavaNames.lowerCamel(flag.text()), "flag:" + flag.text());
        walkParameters.add(ParameterSpec.builder(TypeName.BOOLEAN, java).build());
        javaNames.put(flag.text(), CodeBlock.of("$N", java));
      }
    }
    JavaExpressions paramExpressions = new JavaExpressions(params);
    for (TypedName input : walker.inputs()) {
      String name = input.name().text();
      Optional<Expr> assigned = b.operation().assignment(name).map(Assignment::value);
      if (assigned.isEmpty() && params.containsKey(name)) {
        javaNames.put(name, params.get(name));
        continue;
      }
      String java = locals.newName(JavaNames.lowerCamel(name), "input:" + name);
      CodeBlock value =
          assigned
              .map(e -> paramExpressions.of(new Folding(n -> null).fold(e)))
              .orElse(CodeBlock.of("0L"));
      inputStatements.add(CodeBlock.of("long $N = $L", java, value));
      javaNames.put(name, CodeBlock.of("$N", java));
    }
  }

  /** Every input and flag is a method parameter; callbacks are tested for null. */
  private void bindGeneric() {
    for (TypedName input : walker.inputs()) {
      String spec = input.name().text();
      String source =
          spec.equals("start") ? "scenario.start()" : spec.equals("end") ? "scenario.end()" : "0L";
      invokerArguments.add(CodeBlock.of("$L", source));
      String java =
          locals.newName(JavaNames.lowerCamel(input.name().text()), "input:" + input.name().text());
      walkParameters.add(ParameterSpec.builder(TypeName.LONG, java).build());
      javaNames.put(input.name().text(), CodeBlock.of("$N", java));
    }
    for (Name flag : walker.flags()) {
      invokerArguments.add(CodeBlock.of("scenario.flags().getOrDefault($S, false)", flag.text()));
      String java = locals.newName(JavaNames.lowerCamel(flag.text()), "flag:" + flag.text());
      walkParameters.add(ParameterSpec.builder(TypeName.BOOLEAN, java).build());
      javaNames.put(flag.text(), CodeBlock.of("$N", java));
    }
    javaNames.put(roles.handlerSlot(), CodeBlock.of("(handler != null)"));
    roles.onLockSlot().ifPresent(slot -> javaNames.put(slot, CodeBlock.of("(onLock != null)")));
    checked
        .spec()
        .configs()
        .forEach(c -> javaNames.put(c.name().text(), CodeBlock.of("config($S)", c.name().text())));
  }

  JavaExpressions java() {
    return new JavaExpressions(javaNames);
  }

  /** The Java expression of a condition after folding. */
  CodeBlock condition(Expr e) {
    return java().of(folding.fold(e));
  }

  /** Whether the V2 stub can be called as a handler (null handler and `break slots`). */
  boolean callsNullStub() {
    boolean breaks =
        walker
            .rule(Rule.NullHandler.class)
            .filter(n -> n.policy() == Rule.NullPolicy.BREAK_SLOTS)
            .isPresent();
    return breaks && handler != Presence.PRESENT;
  }

  /** The generated walker's constructor arguments, from a suite's {@code context}. */
  List<CodeBlock> constructorArguments() {
    List<CodeBlock> args = new ArrayList<>();
    args.add(CodeBlock.of("context.kvm()"));
    if (binding.isEmpty()) {
      args.add(CodeBlock.of("context.config()"));
    }
    String handlerAccessor = intResults ? "intHandler" : "handler";
    if (handler == Presence.PRESENT) {
      args.add(CodeBlock.of("context.$L()", handlerAccessor));
    } else if (handler == Presence.RUNTIME) {
      args.add(CodeBlock.of("context.handlerPresent() ? context.$L() : null", handlerAccessor));
    }
    if (onLock == Presence.PRESENT) {
      args.add(CodeBlock.of("context.onLock()"));
    } else if (onLock == Presence.RUNTIME) {
      args.add(CodeBlock.of("context.onLockPresent() ? context.onLock() : null"));
    }
    if (callsNullStub()) {
      args.add(CodeBlock.of("context.$L()", intResults ? "intNullStub" : "nullStub"));
    }
    args.add(CodeBlock.of("context.trace()"));
    return args;
  }

  TypeName handlerType() {
    return intResults ? ClassName.get(IntGfnHandler.class) : ClassName.get(GfnHandler.class);
  }
}
