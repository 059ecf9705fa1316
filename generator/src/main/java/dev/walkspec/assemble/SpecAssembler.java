package dev.walkspec.assemble;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.Callback;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Decls.HandlerKind;
import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Decls.Profile;
import dev.walkspec.model.Name;
import dev.walkspec.model.Spec;
import dev.walkspec.model.SpecInput;
import dev.walkspec.model.Walker;
import dev.walkspec.parse.Ast;
import dev.walkspec.parse.LoadedSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.apiguardian.api.API;

/**
 * The model stage: applies the files of a loaded spec in dependency order, so a later file can
 * {@code refine} (change) or {@code drop} what an earlier one declared, and yields one {@link
 * Spec}. Reports duplicates, refinements of things that do not exist, and walkers that lack a rule
 * the walk cannot do without.
 */
@API(status = INTERNAL)
public final class SpecAssembler {
  private final Diagnostics diagnostics;
  private final Map<String, ConfigOption> configs = new LinkedHashMap<>();
  private final Map<String, HandlerKind> handlerKinds = new LinkedHashMap<>();
  private final Map<String, Callback> callbacks = new LinkedHashMap<>();
  private final Map<String, WalkerAssembly> walkers = new LinkedHashMap<>();
  private final Map<String, OperationAssembly> operations = new LinkedHashMap<>();
  private final Map<String, Profile> profiles = new LinkedHashMap<>();
  private final Map<String, Obligation> obligations = new LinkedHashMap<>();

  private SpecAssembler(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public static Spec build(LoadedSpec loaded, Diagnostics diagnostics) {
    SpecAssembler builder = new SpecAssembler(diagnostics);
    for (Ast.SpecFile file : loaded.files()) {
      file.decls().forEach(builder::apply);
    }
    return builder.spec(loaded.name(), loaded.contentHash(), loaded.inputs());
  }

  private Spec spec(String name, String hash, List<SpecInput> inputs) {
    List<Walker> builtWalkers = new ArrayList<>();
    walkers.values().forEach(w -> builtWalkers.add(w.build()));
    List<Operation> builtOperations = new ArrayList<>();
    operations.values().forEach(o -> builtOperations.add(o.build()));
    return new Spec(
        name,
        hash,
        inputs,
        List.copyOf(configs.values()),
        List.copyOf(handlerKinds.values()),
        List.copyOf(callbacks.values()),
        builtWalkers,
        builtOperations,
        List.copyOf(profiles.values()),
        List.copyOf(obligations.values()));
  }

  private void apply(Ast.Decl decl) {
    if (decl instanceof Ast.ConfigDecl c) {
      merge(configs, decl, c.option(), SpecAssembler::refineConfig);
    } else if (decl instanceof Ast.HandlerKindDecl h) {
      merge(handlerKinds, decl, h.handlerKind(), SpecAssembler::refineHandlerKind);
    } else if (decl instanceof Ast.CallbackDecl c) {
      merge(callbacks, decl, c.callback(), (old, now) -> now.doc().isEmpty() ? old : now);
    } else if (decl instanceof Ast.WalkerDecl w) {
      applyWalker(w);
    } else if (decl instanceof Ast.OperationDecl o) {
      applyOperation(o);
    } else if (decl instanceof Ast.ProfileDecl p) {
      merge(profiles, decl, p.profile(), SpecAssembler::refineProfile);
    } else if (decl instanceof Ast.ObligationDecl o) {
      merge(obligations, decl, o.obligation(), SpecAssembler::refineObligation);
    }
  }

  /** A declaration adds a name, or refines one that exists; anything else is reported. */
  private <T> void merge(Map<String, T> table, Ast.Decl decl, T value, BinaryOperator<T> refine) {
    String key = decl.name().text();
    T existing = table.get(key);
    if (decl.refine()) {
      if (existing == null) {
        diagnostics.report(DiagnosticCode.WS103, decl.name().pos(), decl.kind(), key);
      } else {
        table.put(key, refine.apply(existing, value));
      }
    } else if (existing != null) {
      diagnostics.report(
          DiagnosticCode.WS102, decl.name().pos(), decl.kind(), key, firstPos(existing));
    } else {
      table.put(key, value);
    }
  }

  private static Object firstPos(Object declared) {
    if (declared instanceof ConfigOption c) {
      return c.pos();
    } else if (declared instanceof HandlerKind h) {
      return h.pos();
    } else if (declared instanceof Callback c) {
      return c.pos();
    } else if (declared instanceof Profile p) {
      return p.pos();
    } else if (declared instanceof Obligation o) {
      return o.pos();
    }
    return "?";
  }

  private static ConfigOption refineConfig(ConfigOption old, ConfigOption now) {
    return new ConfigOption(
        old.name(),
        now.type().or(old::type),
        now.defaultValue().or(old::defaultValue),
        now.dependsOn().or(old::dependsOn),
        now.doc().isEmpty() ? old.doc() : now.doc(),
        old.pos());
  }

  private static HandlerKind refineHandlerKind(HandlerKind old, HandlerKind now) {
    return new HandlerKind(
        old.name(),
        now.resultType().or(old::resultType),
        now.doc().isEmpty() ? old.doc() : now.doc(),
        old.pos());
  }

  private static Profile refineProfile(Profile old, Profile now) {
    List<Name> selects = new ArrayList<>(old.selects());
    List<Name> unselects = new ArrayList<>(old.unselects());
    for (Name added : now.selects()) {
      unselects.removeIf(n -> n.text().equals(added.text()));
      selects.add(added);
    }
    for (Name removed : now.unselects()) {
      selects.removeIf(n -> n.text().equals(removed.text()));
      unselects.add(removed);
    }
    Map<String, Assignment> properties = new LinkedHashMap<>();
    old.properties().forEach(a -> properties.put(a.target().text(), a));
    now.properties().forEach(a -> properties.put(a.target().text(), a));
    return new Profile(
        old.name(),
        old.isAbstract(),
        now.parent().or(old::parent),
        selects,
        unselects,
        List.copyOf(properties.values()),
        now.doc().isEmpty() ? old.doc() : now.doc(),
        old.pos());
  }

  private static Obligation refineObligation(Obligation old, Obligation now) {
    return new Obligation(
        old.id(),
        now.label(),
        now.kinds().isEmpty() ? old.kinds() : now.kinds(),
        now.when().or(old::when),
        now.cites().isEmpty() ? old.cites() : now.cites(),
        now.doc().isEmpty() ? old.doc() : now.doc(),
        old.pos());
  }

  private void applyWalker(Ast.WalkerDecl decl) {
    String key = decl.name().text();
    WalkerAssembly existing = walkers.get(key);
    if (decl.refine() && existing == null) {
      diagnostics.report(DiagnosticCode.WS103, decl.name().pos(), decl.kind(), key);
      return;
    }
    if (!decl.refine() && existing != null) {
      diagnostics.report(DiagnosticCode.WS102, decl.name().pos(), decl.kind(), key, existing.pos());
      return;
    }
    WalkerAssembly walker =
        existing != null ? existing : new WalkerAssembly(decl.name(), decl.pos(), diagnostics);
    walkers.put(key, walker);
    decl.items().forEach(item -> walker.apply(item, decl.refine()));
    if (!decl.refine()) {
      walker.requireEssentialRules();
    }
  }

  private void applyOperation(Ast.OperationDecl decl) {
    String key = decl.id().text();
    OperationAssembly existing = operations.get(key);
    if (decl.refine()) {
      if (existing == null) {
        diagnostics.report(DiagnosticCode.WS103, decl.id().pos(), decl.kind(), key);
      } else {
        decl.items().forEach(item -> existing.apply(item, true));
      }
    } else if (existing != null) {
      diagnostics.report(DiagnosticCode.WS102, decl.id().pos(), decl.kind(), key, existing.pos());
    } else {
      OperationAssembly operation = new OperationAssembly(decl, diagnostics);
      decl.items().forEach(item -> operation.apply(item, false));
      operations.put(key, operation);
    }
  }
}
