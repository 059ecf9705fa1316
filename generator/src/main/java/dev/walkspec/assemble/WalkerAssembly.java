package dev.walkspec.assemble;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Pos;
import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Walker;
import dev.walkspec.parse.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A walker being put together from its declaration and later refinements: a rule with a known id
 * replaces that rule (same kind only), a new id adds one, {@code drop} removes one.
 */
final class WalkerAssembly {
  /** The rules an MMU-notifier (hva) walk cannot do without; everything else is optional. */
  private static final List<Class<? extends Rule>> ESSENTIAL_HVA =
      List.of(
          Rule.VisitAddressSpaces.class,
          Rule.VisitSlots.class,
          Rule.Clip.class,
          Rule.GfnRange.class,
          Rule.Result.class,
          Rule.Return.class);

  /**
   * The memory-attribute walk over a gfn range (kvm_handle_gfn_range) has nothing to round and
   * returns nothing.
   */
  private static final List<Class<? extends Rule>> ESSENTIAL_GFN =
      List.of(
          Rule.VisitAddressSpaces.class, Rule.VisitSlots.class, Rule.Clip.class, Rule.Result.class);

  /** The guest_memfd walk (G1-G8) has one loop, over the file's bindings, and returns nothing. */
  private static final List<Class<? extends Rule>> ESSENTIAL_GMEM =
      List.of(Rule.VisitBindings.class, Rule.Clip.class, Rule.Result.class);

  private final Name name;
  private final Pos pos;
  private final Diagnostics diagnostics;
  private final List<TypedName> inputs = new ArrayList<>();
  private final List<Name> flags = new ArrayList<>();
  private final List<CallbackSlot> callbacks = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();

  WalkerAssembly(Name name, Pos pos, Diagnostics diagnostics) {
    this.name = name;
    this.pos = pos;
    this.diagnostics = diagnostics;
  }

  Pos pos() {
    return pos;
  }

  void apply(Ast.WalkerItem item, boolean refining) {
    if (item instanceof Ast.Inputs i) {
      i.inputs().forEach(input -> addUnique(inputs, input, TypedName::name, "walker input"));
    } else if (item instanceof Ast.Flags f) {
      f.flags().forEach(flag -> addUnique(flags, flag, Function.identity(), "flag"));
    } else if (item instanceof Ast.Callbacks c) {
      c.slots().forEach(slot -> addUnique(callbacks, slot, CallbackSlot::name, "callback slot"));
    } else if (item instanceof Ast.DropFlag d) {
      dropFlag(d);
    } else if (item instanceof Ast.DropRule d) {
      dropRule(d);
    } else if (item instanceof Ast.RuleItem r) {
      addRule(r.rule(), refining);
    }
  }

  private <T> void addUnique(List<T> list, T item, Function<T, Name> key, String what) {
    Name added = key.apply(item);
    for (T present : list) {
      Name existing = key.apply(present);
      if (existing.text().equals(added.text())) {
        diagnostics.report(DiagnosticCode.WS102, added.pos(), what, added.text(), existing.pos());
        return;
      }
    }
    list.add(item);
  }

  private void dropFlag(Ast.DropFlag drop) {
    boolean removed = flags.removeIf(f -> f.text().equals(drop.flag().text()));
    if (!removed) {
      diagnostics.report(
          DiagnosticCode.WS112,
          drop.flag().pos(),
          "flag " + drop.flag().text(),
          "walker " + name.text() + " has no such flag");
    }
  }

  private void dropRule(Ast.DropRule drop) {
    String id = drop.id().text();
    Rule rule = rules.stream().filter(r -> r.id().text().equals(id)).findFirst().orElse(null);
    if (rule == null) {
      diagnostics.report(
          DiagnosticCode.WS112, drop.id().pos(), id, "walker " + name.text() + " has no such rule");
    } else if (essential().contains(rule.getClass())) {
      diagnostics.report(
          DiagnosticCode.WS112,
          drop.id().pos(),
          id,
          "the walk cannot do without its " + rule.keyword() + " rule");
    } else {
      rules.remove(rule);
    }
  }

  private void addRule(Rule rule, boolean refining) {
    for (int i = 0; i < rules.size(); i++) {
      Rule present = rules.get(i);
      if (!present.id().text().equals(rule.id().text())) {
        continue;
      }
      if (!refining) {
        diagnostics.report(
            DiagnosticCode.WS102, rule.id().pos(), "rule id", rule.id().text(), present.pos());
      } else if (present.getClass() != rule.getClass()) {
        diagnostics.report(
            DiagnosticCode.WS104,
            rule.id().pos(),
            rule.id().text(),
            present.keyword(),
            rule.keyword());
      } else {
        rules.set(i, rule);
      }
      return;
    }
    if (!(rule instanceof Rule.Guard)) {
      for (Rule present : rules) {
        if (present.getClass() == rule.getClass()) {
          diagnostics.report(
              DiagnosticCode.WS105,
              rule.id().pos(),
              name.text(),
              rule.keyword(),
              present.id().text());
          return;
        }
      }
    }
    rules.add(rule);
  }

  /** The rules this walk cannot do without, by its loop structure and the unit it clips. */
  private List<Class<? extends Rule>> essential() {
    if (rules.stream().anyMatch(Rule.VisitBindings.class::isInstance)) {
      return ESSENTIAL_GMEM;
    }
    boolean byHva =
        rules.stream()
            .filter(Rule.Clip.class::isInstance)
            .map(Rule.Clip.class::cast)
            .allMatch(Rule.Clip::byHva);
    return byHva ? ESSENTIAL_HVA : ESSENTIAL_GFN;
  }

  void requireEssentialRules() {
    for (Class<? extends Rule> kind : essential()) {
      if (rules.stream().noneMatch(kind::isInstance)) {
        diagnostics.report(DiagnosticCode.WS106, name.pos(), name.text(), keywordOf(kind));
      }
    }
  }

  private static String keywordOf(Class<? extends Rule> kind) {
    return switch (kind.getSimpleName()) {
      case "VisitAddressSpaces" -> "visit address_spaces";
      case "VisitSlots" -> "visit slots";
      case "VisitBindings" -> "visit bindings";
      case "GfnRange" -> "range";
      default -> kind.getSimpleName().toLowerCase(Locale.ROOT);
    };
  }

  Walker build() {
    return new Walker(name, inputs, flags, callbacks, rules, pos);
  }
}
