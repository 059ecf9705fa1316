package dev.walkspec.emit.c;

import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Name;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Walker;

/**
 * One walker being rendered: its names, its shape, and how its rule conditions read in C. Inside
 * the walk, flags, inputs and callback slots are fields of the range structure ({@code
 * range->lockless}), {@code ret} and {@code found_memslot} are fields of the result ({@code
 * r.ret}), and Kconfig options are {@code IS_ENABLED(CONFIG_...)} (bool) or {@code CONFIG_...}
 * (int).
 */
record WalkContext(Spec spec, Walker walker, CNames names, WalkShape shape, CExpressions c) {

  static WalkContext of(Spec spec, Walker walker) {
    CExpressions c =
        new CExpressions(name -> walkValue(spec, walker, name), name -> slot(walker, name));
    return new WalkContext(spec, walker, CNames.of(walker), WalkShape.of(walker), c);
  }

  private static String walkValue(Spec spec, Walker walker, String name) {
    if (name.equals("ret") || name.equals("found_memslot")) {
      return "r." + name;
    }
    boolean field =
        walker.flags().stream().map(Name::text).anyMatch(name::equals)
            || walker.input(name).isPresent();
    return field ? "range->" + CNames.member(name) : option(spec, name);
  }

  private static String slot(Walker walker, String name) {
    return walker
        .callback(name)
        .map(CallbackSlot::name)
        .map(n -> "range->" + CNames.member(n.text()))
        .orElse(null);
  }

  /** A Kconfig option as C reads it, or null for a name that is no option. */
  static String option(Spec spec, String name) {
    return spec.config(name).map(WalkContext::optionValue).orElse(null);
  }

  private static String optionValue(ConfigOption option) {
    boolean isInt = option.type().map(t -> t.text().equals("int")).orElse(false);
    String macro = CNames.config(option.name().text());
    return isInt ? macro : "IS_ENABLED(" + macro + ")";
  }

  /** The range structure's field of a callback slot. */
  String field(String name) {
    return "range->" + CNames.member(name);
  }

  String retType() {
    return shape.intResults() ? "int" : "bool";
  }

  String retZero() {
    return shape.intResults() ? "0" : "false";
  }
}
