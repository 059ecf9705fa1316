package dev.walkspec.emit.c;

import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Name;
import dev.walkspec.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One small function per operation (C1-C5): it fills in the range structure, with the handler and
 * on_lock it names (the kernel's null stub for none), its flags (a Kconfig option as {@code
 * IS_ENABLED(CONFIG_...)}, a {@code param} flag as a parameter of the function) and its range, and
 * walks. The caller returns the walk's result as a whole; which part the MMU notifier uses (ret for
 * aging, found_memslot for invalidate_range_start) is the notifier's business, not the spec's.
 */
final class CallerRenderer {
  private static final String PARAM = "param";
  private static final String NULL = "null";

  private final Spec spec;
  private final WalkContext ctx;

  CallerRenderer(Spec spec, WalkContext ctx) {
    this.spec = spec;
    this.ctx = ctx;
  }

  void render(CWriter w, Operation op) {
    w.rule(op.id().text(), op.label().text() + ": " + describe(op));
    List<String> parameters = new ArrayList<>(List.of("struct kvm *kvm"));
    op.params()
        .forEach(
            p ->
                parameters.add(
                    CTypes.of(p.type().text()) + " " + CNames.parameter(p.name().text())));
    paramFlags(op).forEach(f -> parameters.add("bool " + flagParameter(op, f)));
    Signature.write(w, "static " + ctx.names().returnType() + " " + CNames.caller(op), parameters);
    w.open("");
    w.open("const struct " + ctx.names().rangeStruct() + " range =");
    CExpressions c = expressions(op);
    for (TypedName input : ctx.walker().inputs()) {
      inputValue(op, input.name().text(), c).ifPresent(v -> field(w, input.name().text(), v));
    }
    for (CallbackSlot slot : ctx.walker().callbacks()) {
      field(w, slot.name().text(), callbackValue(op, slot.name().text()));
    }
    for (Name flag : ctx.walker().flags()) {
      op.assignment(flag.text())
          .map(a -> isWord(a.value(), PARAM) ? flagParameter(op, flag.text()) : c.of(a.value()))
          .ifPresent(v -> field(w, flag.text(), v));
    }
    w.close(";");
    w.blank();
    w.line("return " + ctx.names().walkFunction() + "(kvm, &range);");
    w.close();
    w.noRule().blank();
  }

  private static void field(CWriter w, String name, String value) {
    w.line("." + CNames.member(name) + " = " + value + ",");
  }

  private String describe(Operation op) {
    String doc = op.doc().isBlank() ? "" : " " + op.doc().trim();
    return "the walk with this caller's callbacks and flags." + doc;
  }

  private List<String> paramFlags(Operation op) {
    return ctx.walker().flags().stream()
        .map(Name::text)
        .filter(f -> op.assignment(f).filter(a -> isWord(a.value(), PARAM)).isPresent())
        .toList();
  }

  /**
   * The parameter of a {@code param} flag: the flag's name, unless an operation parameter has it (C
   * knows no two parameters of one name), then with {@code _flag}.
   */
  private static String flagParameter(Operation op, String flag) {
    String name = CNames.parameter(flag);
    boolean taken =
        op.params().stream().anyMatch(p -> CNames.parameter(p.name().text()).equals(name));
    return taken ? name + "_flag" : name;
  }

  /** An input: its assignment, else the parameter of the same name, else nothing (zero). */
  private static Optional<String> inputValue(Operation op, String input, CExpressions c) {
    Optional<Assignment> assigned = op.assignment(input);
    if (assigned.isPresent()) {
      return Optional.of(c.of(assigned.get().value()));
    }
    return op.params().stream()
        .map(p -> p.name().text())
        .filter(input::equals)
        .map(CNames::parameter)
        .findFirst();
  }

  private String callbackValue(Operation op, String slot) {
    Optional<Expr> value = op.assignment(slot).map(Assignment::value);
    if (value.isEmpty() || isWord(value.get(), NULL)) {
      return CNames.NULL_FN;
    }
    String name = value.get().toString();
    return spec.handlerKind(name).isPresent()
        ? CNames.handlerFunction(name)
        : CNames.callbackFunction(name);
  }

  /** In an operation, names are its parameters and Kconfig options. */
  private CExpressions expressions(Operation op) {
    return new CExpressions(
        name ->
            op.params().stream().anyMatch(p -> p.name().text().equals(name))
                ? CNames.parameter(name)
                : WalkContext.option(spec, name),
        name -> null);
  }

  private static boolean isWord(Expr e, String word) {
    return e instanceof Expr.Ref r && r.name().equals(word);
  }
}
