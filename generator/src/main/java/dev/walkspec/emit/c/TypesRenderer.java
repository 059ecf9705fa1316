package dev.walkspec.emit.c;

import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Decls.HandlerKind;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Spec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The types a walk and its callers share: in {@code include/linux/kvm_host.h} what a handler
 * receives (its fields come from W6 and W13) and the handlers' and callbacks' prototypes; in {@code
 * virt/kvm/kvm_main.c} the range structure the callers fill in (the walker's inputs, callback slots
 * and flags) and the walk's result (W12).
 */
final class TypesRenderer {
  private TypesRenderer() {}

  /**
   * struct kvm_gfn_range: the slot, the gfn range (W6), the values W13 passes (of every walker,
   * when a spec has several: handlers share the structure).
   */
  static void gfnRange(CWriter w, List<WalkContext> walks) {
    WalkContext first = walks.get(0);
    Rule.GfnRange gfn = first.walker().rule(Rule.GfnRange.class).orElseThrow();
    w.rule(gfn.id().text(), "what a handler gets: the slot, the gfn range, the values W13 passes.");
    w.open("struct kvm_gfn_range");
    w.line("struct kvm_memory_slot *slot;");
    w.line("gfn_t start;");
    w.line("gfn_t end;");
    Map<String, String> passed = new LinkedHashMap<>();
    String passId = "";
    for (WalkContext ctx : walks) {
      Optional<Rule.Pass> pass = ctx.walker().rule(Rule.Pass.class);
      if (pass.isPresent()) {
        passId = passId.isEmpty() ? pass.get().id().text() : passId;
        pass.get().values().forEach(v -> passed.putIfAbsent(v.text(), fieldType(ctx, v.text())));
      }
    }
    if (!passed.isEmpty()) {
      w.rule(passId, "passed unchanged from the walk.");
      passed.forEach((name, type) -> w.line(type + " " + CNames.member(name) + ";"));
    }
    w.rule(gfn.id().text(), "hva notifications never concern private memory.");
    w.line("enum kvm_gfn_range_filter attr_filter;");
    w.close(";");
    w.noRule().blank();
  }

  /** The prototypes of the handler kinds' and callbacks' functions. */
  static void prototypes(CWriter w, Spec spec) {
    w.noRule().comment("The handler kinds: each returns what its documentation says.");
    for (HandlerKind kind : spec.handlerKinds()) {
      String type = kind.resultType().map(Name::text).orElse("bool").equals("int") ? "int" : "bool";
      Signature.write(
          w,
          type + " " + CNames.handlerFunction(kind.name().text()),
          List.of("struct kvm *kvm", "struct kvm_gfn_range *range"),
          ";");
    }
    if (!spec.callbacks().isEmpty()) {
      w.blank().comment("The on_lock callbacks, run right after the MMU lock is taken (W7).");
      spec.callbacks()
          .forEach(
              c ->
                  Signature.write(
                      w,
                      "void " + CNames.callbackFunction(c.name().text()),
                      List.of("struct kvm *kvm"),
                      ";"));
    }
    w.blank();
  }

  /** The handler and on_lock function types, the range structure and the result. */
  static void walkTypes(CWriter w, WalkContext ctx) {
    CNames names = ctx.names();
    w.noRule();
    w.line(
        "typedef "
            + ctx.retType()
            + " (*"
            + names.handlerType()
            + ")(struct kvm *kvm, struct "
            + names.gfnRangeStruct()
            + " *range);");
    w.line("typedef void (*" + names.onLockType() + ")(struct kvm *kvm);");
    w.blank();
    w.comment("What a caller (C1-C5) fixes for one walk: the range, the callbacks, the flags.");
    w.open("struct " + names.rangeStruct());
    for (TypedName input : ctx.walker().inputs()) {
      w.line(CTypes.of(input.type().text()) + " " + CNames.member(input.name().text()) + ";");
    }
    WalkerRoles roles = WalkerRoles.of(ctx.walker());
    for (CallbackSlot slot : ctx.walker().callbacks()) {
      String type =
          slot.name().text().equals(roles.handlerSlot()) ? names.handlerType() : names.onLockType();
      w.line(type + " " + CNames.member(slot.name().text()) + ";");
    }
    ctx.walker().flags().forEach(f -> w.line("bool " + CNames.member(f.text()) + ";"));
    w.close(";");
    w.blank();
    Rule.Return ret = ctx.walker().rule(Rule.Return.class).orElseThrow();
    w.rule(ret.id().text(), "what the walk returns: ret and whether a slot was hit.");
    w.open("typedef struct " + names.returnStruct());
    w.line(ctx.retType() + " ret;");
    w.line("bool found_memslot;");
    w.close(" " + names.returnType() + ";");
    w.noRule().blank();
  }

  private static String fieldType(WalkContext ctx, String name) {
    List<TypedName> inputs = ctx.walker().inputs();
    return inputs.stream()
        .filter(i -> i.name().text().equals(name))
        .map(i -> CTypes.of(i.type().text()))
        .findFirst()
        .orElse("bool");
  }
}
