package dev.walkspec.semantics;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Name;
import dev.walkspec.model.Value;
import dev.walkspec.model.Walker;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns a scenario into a {@link WalkSetup} on a checked spec: picks the profile, applies Kconfig
 * overrides, and evaluates the operation's flag expressions (or takes explicit inputs). Every
 * problem is a {@link ScenarioException} naming the scenario key.
 */
final class ScenarioResolver {
  private static final String PARAM = "param";
  private static final String NULL = "null";
  private final CheckedSpec checked;
  private final Map<String, OperationPlan> operationPlans = new ConcurrentHashMap<>();

  ScenarioResolver(CheckedSpec checked) {
    this.checked = checked;
  }

  WalkSetup resolve(Scenario scenario) {
    ResolvedProfile profile =
        checked
            .profile(scenario.arch())
            .orElseThrow(
                () ->
                    new ScenarioException(
                        "arch: unknown profile '"
                            + scenario.arch()
                            + "'; the spec has "
                            + profileNames()));
    Map<String, Value> config = configWith(profile, scenario.config());
    checkLayout(scenario, profile);
    return scenario.operation().isPresent()
        ? fromOperation(scenario, profile, config)
        : fromInputs(scenario, profile, config);
  }

  private String profileNames() {
    return checked.profiles().stream().map(ResolvedProfile::name).collect(Collectors.joining(", "));
  }

  private Map<String, Value> configWith(ResolvedProfile profile, Map<String, Boolean> overrides) {
    Map<String, Value> config = new HashMap<>(profile.config());
    overrides.forEach(
        (option, value) -> {
          Optional<ConfigOption> declared = checked.spec().config(option);
          if (declared.isEmpty()) {
            throw new ScenarioException(
                "config." + option + ": the spec has no such Kconfig option");
          }
          if (!(config.get(option) instanceof Value.BoolValue)) {
            throw new ScenarioException(
                "config." + option + ": only bool options can be overridden");
          }
          config.put(option, Value.of(value));
        });
    return config;
  }

  private WalkSetup fromOperation(
      Scenario scenario, ResolvedProfile profile, Map<String, Value> config) {
    OperationPlan plan = operationPlan(scenario.operation().get());
    Operation operation = plan.operation();
    Walker walker = plan.walker();
    Evaluator kconfig = new Evaluator(config::get);
    Map<String, Boolean> flags = new HashMap<>();
    for (Map.Entry<String, Optional<Expr>> flag : plan.flagValues().entrySet()) {
      String name = flag.getKey();
      flags.put(
          name,
          plan.paramFlags().contains(name)
              ? scenario.flags().getOrDefault(name, false)
              : flag.getValue().map(kconfig::isTrue).orElse(false));
    }
    for (String given : scenario.flags().keySet()) {
      if (!plan.paramFlags().contains(given) && !plan.boolParams().contains(given)) {
        throw new ScenarioException(
            "inputs."
                + given
                + ": operation "
                + operation.id()
                + " fixes this flag; only its param flags "
                + plan.paramFlags()
                + " can be given");
      }
    }
    Map<String, Value> params2 = bindParams(operation, scenario, config);
    Evaluator inputs = new Evaluator(params2::get);
    long start = input(operation, "start", inputs);
    long end = input(operation, "end", inputs);
    Map<String, Value> others = new HashMap<>();
    plan.otherInputs().forEach((other, value) -> others.put(other, inputs.eval(value)));
    return new WalkSetup(
        walker, profile, config, flags, plan.handler(), plan.onLock(), start, end, 0, others);
  }

  /**
   * What an operation fixes whatever the scenario: its walker, which flags it leaves to the caller
   * (param), the expressions of the others, its callbacks and its other inputs. Looked up once per
   * operation, since the differential tests resolve millions of scenarios.
   */
  private record OperationPlan(
      Operation operation,
      Walker walker,
      Map<String, Optional<Expr>> flagValues,
      Set<String> paramFlags,
      Set<String> boolParams,
      boolean handler,
      Optional<String> onLock,
      Map<String, Expr> otherInputs) {}

  private OperationPlan operationPlan(String name) {
    // An unknown name throws from planOf and is not kept.
    return operationPlans.computeIfAbsent(name, this::planOf);
  }

  private OperationPlan planOf(String name) {
    Operation operation =
        checked
            .spec()
            .operation(name)
            .orElseThrow(
                () ->
                    new ScenarioException(
                        "operation: unknown operation '"
                            + name
                            + "'; the spec has "
                            + checked.spec().operations().stream()
                                .map(o -> o.id() + " " + o.label())
                                .collect(Collectors.joining(", "))));
    Walker walker = checked.spec().walker(operation.walker().text()).orElseThrow();
    Map<String, Optional<Expr>> flagValues = new LinkedHashMap<>();
    Set<String> params = new LinkedHashSet<>(); // in the walker's order, as messages list them
    for (Name flag : walker.flags()) {
      Optional<Expr> value = operation.assignment(flag.text()).map(Assignment::value);
      if (value.isPresent() && isWord(value.get(), PARAM)) {
        params.add(flag.text());
      }
      flagValues.put(flag.text(), value);
    }
    WalkerRoles roles = WalkerRoles.of(walker);
    boolean handler =
        operation.assignment(roles.handlerSlot()).filter(a -> !isWord(a.value(), NULL)).isPresent();
    Optional<String> onLock =
        roles
            .onLockSlot()
            .flatMap(operation::assignment)
            .map(Assignment::value)
            .filter(v -> !isWord(v, NULL))
            .map(Expr::toString);
    Map<String, Expr> others = new LinkedHashMap<>();
    for (TypedName input : walker.inputs()) {
      String other = input.name().text();
      if (!List.of("start", "end", "arg").contains(other)) {
        operation.assignment(other).ifPresent(a -> others.put(other, a.value()));
      }
    }
    return new OperationPlan(
        operation,
        walker,
        Collections.unmodifiableMap(flagValues),
        Collections.unmodifiableSet(params),
        boolParams(operation),
        handler,
        onLock,
        Collections.unmodifiableMap(others));
  }

  /** The operation's bool parameters (init_shared of the guest_memfd invalidation). */
  private static Set<String> boolParams(Operation operation) {
    Set<String> names = new HashSet<>();
    for (TypedName param : operation.params()) {
      if (param.type().text().equals("bool")) {
        names.add(param.name().text());
      }
    }
    return Set.copyOf(names);
  }

  /**
   * The range's start and end bind the operation's integer parameters in order (test_young: addr);
   * a bool parameter takes the scenario's value of that name (false when it gives none).
   */
  private static Map<String, Value> bindParams(
      Operation operation, Scenario scenario, Map<String, Value> config) {
    Map<String, Value> env = new HashMap<>(config);
    long[] bounds = {scenario.start(), scenario.end()};
    int bound = 0;
    for (TypedName param : operation.params()) {
      String name = param.name().text();
      if (param.type().text().equals("bool")) {
        env.put(name, Value.of(scenario.flags().getOrDefault(name, false)));
      } else if (bound < bounds.length) {
        env.put(name, Value.of(bounds[bound++]));
      }
    }
    return env;
  }

  private static long input(Operation operation, String input, Evaluator params) {
    Expr e =
        operation
            .assignment(input)
            .map(Assignment::value)
            .orElse(new Expr.Ref(input, operation.pos()));
    Value v = params.eval(e);
    if (v == null) {
      throw new ScenarioException("operation " + operation.id() + " does not bind input " + input);
    }
    return v.asInt();
  }

  private WalkSetup fromInputs(
      Scenario scenario, ResolvedProfile profile, Map<String, Value> config) {
    // Explicit inputs drive the spec's first walker: the MMU-notifier walk in every bundled spec.
    Walker walker = checked.spec().walkers().get(0);
    Map<String, Boolean> flags = new HashMap<>();
    walker
        .flags()
        .forEach(f -> flags.put(f.text(), scenario.flags().getOrDefault(f.text(), false)));
    scenario
        .flags()
        .forEach(
            (flag, value) -> {
              if (!walker.hasFlag(flag) && value) {
                throw new ScenarioException(
                    "inputs."
                        + flag
                        + ": walker "
                        + walker.name()
                        + " has no such flag, so it cannot be true (this spec predates or drops it)");
              }
            });
    Optional<String> onLock =
        scenario.onLock()
            ? Optional.of(WalkerRoles.of(walker).onLockSlot().orElse("on_lock"))
            : Optional.empty();
    return new WalkSetup(
        walker,
        profile,
        config,
        flags,
        scenario.handler(),
        onLock,
        scenario.start(),
        scenario.end(),
        0,
        Map.of());
  }

  private static void checkLayout(Scenario scenario, ResolvedProfile profile) {
    if (scenario.addressSpaces().size() > profile.addressSpaces()) {
      throw new ScenarioException(
          "address_spaces: profile "
              + profile.name()
              + " has "
              + profile.addressSpaces()
              + " address space(s), the scenario gives "
              + scenario.addressSpaces().size());
    }
    for (int as = 0; as < scenario.addressSpaces().size(); as++) {
      Layouts.validate(as, scenario.addressSpaces().get(as));
    }
    Layouts.validateGmem(scenario);
  }

  private static boolean isWord(Expr e, String word) {
    return e instanceof Expr.Ref r && r.name().equals(word);
  }
}
