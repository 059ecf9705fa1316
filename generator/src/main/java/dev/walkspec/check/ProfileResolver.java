package dev.walkspec.check;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Similarity;
import dev.walkspec.model.Constants;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Decls.Profile;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Name;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Type;
import dev.walkspec.model.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Profiles: parents exist and do not form a circle, selected options exist and are bool and their
 * dependencies hold, properties are known and well typed. Resolves each concrete profile.
 */
final class ProfileResolver {
  /** The properties a profile may set, and their types. */
  static final Map<String, Type> PROPERTIES =
      Map.of(
          "mmu_lock",
          Type.LOCK_KIND,
          "fault_lock",
          Type.LOCK_MODE,
          "address_spaces",
          Type.INT,
          "tdp_mmu",
          Type.BOOL,
          "shadow_mmu",
          Type.BOOL,
          "coherent_zap",
          Type.BOOL);

  /** The property names in the order the documentation lists them, for "expected one of". */
  private static final List<String> PROPERTY_NAMES =
      List.of("mmu_lock", "fault_lock", "address_spaces", "tdp_mmu", "shadow_mmu", "coherent_zap");

  private final Spec spec;
  private final Diagnostics diagnostics;
  private final TypeChecker types;
  private final Scope configScope;

  ProfileResolver(Spec spec, Diagnostics diagnostics, TypeChecker types) {
    this.spec = spec;
    this.diagnostics = diagnostics;
    this.types = types;
    this.configScope = ConfigChecks.scope(spec);
  }

  /** The profiles of each inheritance cycle already reported, so a cycle is reported once. */
  private final Set<Set<String>> reportedCycles = new HashSet<>();

  List<ResolvedProfile> run() {
    spec.profiles().forEach(this::checkDeclaration);
    List<ResolvedProfile> resolved = new ArrayList<>();
    for (Profile profile : spec.profiles()) {
      Optional<List<Profile>> chain = chain(profile);
      if (chain.isPresent() && !profile.isAbstract()) {
        resolved.add(resolve(profile, chain.get()));
      }
    }
    return resolved;
  }

  private void checkDeclaration(Profile profile) {
    profile
        .parent()
        .ifPresent(
            parent -> {
              if (!byName().containsKey(parent.text())) {
                diagnostics.report(
                    DiagnosticCode.WS101,
                    parent.pos(),
                    "profile",
                    parent.text(),
                    Similarity.hint(
                        parent.text(),
                        spec.profiles().stream().map(p -> p.name().text()).toList()));
              }
            });
    List<Name> options = new ArrayList<>(profile.selects());
    options.addAll(profile.unselects());
    for (Name option : options) {
      Optional<ConfigOption> declared = spec.config(option.text());
      if (declared.isEmpty()) {
        diagnostics.report(
            DiagnosticCode.WS101,
            option.pos(),
            "config option",
            option.text(),
            configScope.suggestion(option.text()));
      } else if (ConfigChecks.typeOf(declared.get()).filter(t -> t != Type.BOOL).isPresent()) {
        diagnostics.report(
            DiagnosticCode.WS201,
            option.pos(),
            "a bool option to select",
            option.text(),
            ConfigChecks.typeOf(declared.get()).get().word());
      }
    }
    for (Assignment property : profile.properties()) {
      Type type = PROPERTIES.get(property.target().text());
      if (type == null) {
        diagnostics.report(
            DiagnosticCode.WS107,
            property.target().pos(),
            property.target().text(),
            "profile property",
            String.join(", ", PROPERTY_NAMES));
      } else {
        types.expect(property.value(), type, configScope);
      }
    }
  }

  private Map<String, Profile> byName;

  /** The profiles by name, the first declared of a name winning, as {@code spec.profile} does. */
  private Map<String, Profile> byName() {
    if (byName == null) {
      byName = new HashMap<>();
      spec.profiles().forEach(p -> byName.putIfAbsent(p.name().text(), p));
    }
    return byName;
  }

  /** Profiles may extend each other this many levels deep (WS011 beyond). */
  static final int MAX_CHAIN = 200;

  /**
   * The profile and its ancestors, root first; empty when the chain is broken, circular or longer
   * than {@link #MAX_CHAIN}.
   */
  private Optional<List<Profile>> chain(Profile profile) {
    List<Profile> chain = new ArrayList<>();
    Set<Profile> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Profile at = profile;
    while (at != null) {
      if (seen.contains(at)) {
        if (at == profile) {
          List<String> names = new ArrayList<>(chain.stream().map(p -> p.name().text()).toList());
          if (reportedCycles.add(Set.copyOf(names))) {
            names.add(at.name().text());
            diagnostics.report(
                DiagnosticCode.WS111, profile.name().pos(), String.join(" -> ", names));
          }
        }
        return Optional.empty();
      }
      if (chain.size() == MAX_CHAIN) {
        if (reportedCycles.add(Set.of("deep:" + at.name().text()))) {
          diagnostics.report(DiagnosticCode.WS011, at.name().pos(), MAX_CHAIN);
        }
        return Optional.empty();
      }
      chain.add(at);
      seen.add(at);
      Optional<Name> parent = at.parent();
      if (parent.isEmpty()) {
        break;
      }
      at = byName().get(parent.get().text());
      if (at == null) {
        return Optional.empty();
      }
    }
    Collections.reverse(chain);
    return Optional.of(chain);
  }

  private ResolvedProfile resolve(Profile profile, List<Profile> chain) {
    Map<String, Name> selected = new LinkedHashMap<>();
    Map<String, Name> unselected = new LinkedHashMap<>();
    Map<String, Expr> properties = new LinkedHashMap<>();
    for (Profile p : chain) {
      p.selects()
          .forEach(
              n -> {
                selected.put(n.text(), n);
                unselected.remove(n.text());
              });
      p.unselects()
          .forEach(
              n -> {
                unselected.put(n.text(), n);
                selected.remove(n.text());
              });
      p.properties().forEach(a -> properties.put(a.target().text(), a.value()));
    }
    Map<String, Value> config = configValues(selected, unselected);
    checkDependencies(profile, selected, config);
    Evaluator evaluator = new Evaluator(config::get);
    Value mmuLock = property(properties, "mmu_lock", evaluator, Constants.SPINLOCK);
    Value faultDefault = Constants.RWLOCK.equals(mmuLock) ? Constants.READ : Constants.SPIN;
    Value faultLock = property(properties, "fault_lock", evaluator, faultDefault);
    Value spaces = property(properties, "address_spaces", evaluator, Value.of(1));
    long addressSpaces = spaces.type() == Type.INT ? spaces.asInt() : 1;
    if (addressSpaces < 1 || addressSpaces > 64) {
      diagnostics.report(
          DiagnosticCode.WS207,
          properties.get("address_spaces").pos(),
          "address_spaces",
          profile.name().text(),
          addressSpaces);
      addressSpaces = 1;
    }
    // Two-dimensional tables (x86's TDP MMU, other arches' stage-2) unless the profile says not;
    // shadow pages found through reverse maps (x86's shadow MMU) only where it says so.
    boolean tdpMmu = property(properties, "tdp_mmu", evaluator, Value.of(true)).asBool();
    boolean shadowMmu = property(properties, "shadow_mmu", evaluator, Value.of(false)).asBool();
    if (!tdpMmu && !shadowMmu) {
      Expr where =
          properties.containsKey("tdp_mmu")
              ? properties.get("tdp_mmu")
              : properties.getOrDefault("shadow_mmu", null);
      diagnostics.report(
          DiagnosticCode.WS210,
          where == null ? profile.name().pos() : where.pos(),
          profile.name().text());
      tdpMmu = true;
    }
    // Zaps that keep TLBs coherent by themselves (s390's DAT instructions): H11, H12.
    boolean coherentZap = property(properties, "coherent_zap", evaluator, Value.of(false)).asBool();
    return new ResolvedProfile(
        profile, config, mmuLock, faultLock, (int) addressSpaces, tdpMmu, shadowMmu, coherentZap);
  }

  private static Value property(
      Map<String, Expr> properties, String name, Evaluator evaluator, Value fallback) {
    Expr expr = properties.get(name);
    Value value = expr == null ? null : evaluator.eval(expr);
    return value != null && value.type() == fallback.type() ? value : fallback;
  }

  /** Selected options are true, dropped ones false, the rest take their default. */
  private Map<String, Value> configValues(
      Map<String, Name> selected, Map<String, Name> unselected) {
    Map<String, Value> values = new HashMap<>();
    for (ConfigOption option : spec.configs()) {
      String name = option.name().text();
      if (selected.containsKey(name)) {
        values.put(name, Value.of(true));
      } else if (unselected.containsKey(name)) {
        values.put(name, Value.of(false));
      }
    }
    // Defaults may read other options: settle them in rounds (no cycles: WS307 reports those).
    for (int round = 0; round <= spec.configs().size(); round++) {
      Map<String, Value> before = new HashMap<>(values);
      Evaluator evaluator = new Evaluator(values::get);
      for (ConfigOption option : spec.configs()) {
        String name = option.name().text();
        if (!values.containsKey(name)
            || !selected.containsKey(name) && !unselected.containsKey(name)) {
          Value value = option.defaultValue().map(evaluator::eval).orElse(zero(option));
          if (value != null) {
            values.put(name, value);
          }
        }
      }
      if (values.equals(before)) {
        break;
      }
    }
    for (ConfigOption option : spec.configs()) {
      values.putIfAbsent(option.name().text(), zero(option));
    }
    return values;
  }

  private static Value zero(ConfigOption option) {
    return ConfigChecks.typeOf(option).orElse(Type.BOOL) == Type.INT
        ? Value.of(0)
        : Value.of(false);
  }

  private void checkDependencies(
      Profile profile, Map<String, Name> selected, Map<String, Value> config) {
    Evaluator evaluator = new Evaluator(config::get);
    for (Name option : selected.values()) {
      spec.config(option.text())
          .flatMap(ConfigOption::dependsOn)
          .ifPresent(
              dependency -> {
                Value holds = evaluator.eval(dependency);
                if (holds != null && holds.type() == Type.BOOL && !holds.asBool()) {
                  diagnostics.report(
                      DiagnosticCode.WS306,
                      option.pos(),
                      profile.name().text(),
                      option.text(),
                      dependency.toString());
                }
              });
    }
  }
}
