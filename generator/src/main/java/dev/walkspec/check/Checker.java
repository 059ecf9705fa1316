package dev.walkspec.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.model.Constants;
import dev.walkspec.model.Decls.HandlerKind;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Type;
import dev.walkspec.model.Value;
import dev.walkspec.model.Walker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The check stage: names and types first, then the rules that must hold on every path of a walk,
 * then each operation on each profile. Returns the checked spec only when nothing was an error.
 */
@API(status = INTERNAL)
public final class Checker {
  private final Spec spec;
  private final Diagnostics diagnostics;
  private final TypeChecker types;

  private Checker(Spec spec, Diagnostics diagnostics) {
    this.spec = spec;
    this.diagnostics = diagnostics;
    this.types = new TypeChecker(diagnostics);
  }

  public static Optional<CheckedSpec> check(Spec spec, Diagnostics diagnostics) {
    return new Checker(spec, diagnostics).run();
  }

  private Optional<CheckedSpec> run() {
    new ConfigChecks(spec, diagnostics, types).run();
    spec.handlerKinds().forEach(this::checkHandlerKind);
    WalkerChecks walkerChecks = new WalkerChecks(spec, diagnostics, types);
    for (Walker walker : spec.walkers()) {
      requireRangeInputs(walker);
      walkerChecks.run(walker);
    }
    OperationChecks operationChecks = new OperationChecks(spec, diagnostics, types);
    spec.operations().forEach(operationChecks::run);
    List<ResolvedProfile> profiles = new ProfileResolver(spec, diagnostics, types).run();
    ObligationChecks obligationChecks = new ObligationChecks(spec, diagnostics, types);
    spec.obligations().forEach(obligationChecks::run);
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    // Path checks and bindings assume names and types are right.
    PathChecker paths = new PathChecker(spec, diagnostics);
    spec.walkers().forEach(paths::run);
    spec.walkers().forEach(this::reportFlagsNeverSet);
    List<Binding> bindings = bind(operationChecks, profiles);
    return diagnostics.hasErrors()
        ? Optional.empty()
        : Optional.of(new CheckedSpec(spec, profiles, bindings));
  }

  private void checkHandlerKind(HandlerKind kind) {
    kind.resultType()
        .ifPresent(
            t -> {
              if (!t.text().equals("bool") && !t.text().equals("int")) {
                diagnostics.report(DiagnosticCode.WS204, t.pos(), t.text(), "bool, int");
              }
            });
  }

  /** The range's bounds are inputs in the unit the walk clips (W5): hva, gfn or pgoff. */
  private void requireRangeInputs(Walker walker) {
    String unit = walker.rule(Rule.Clip.class).map(c -> c.what().text()).orElse(Rule.Clip.HVA);
    for (String bound : List.of("start", "end")) {
      boolean declared = walker.input(bound).filter(i -> i.type().text().equals(unit)).isPresent();
      if (!declared) {
        diagnostics.report(
            DiagnosticCode.WS113, walker.name().pos(), walker.name().text(), bound, unit);
      }
    }
  }

  private void reportFlagsNeverSet(Walker walker) {
    for (Name flag : walker.flags()) {
      boolean set =
          spec.operations().stream()
              .filter(o -> o.walker().text().equals(walker.name().text()))
              .anyMatch(o -> o.assignment(flag.text()).isPresent());
      if (!set) {
        diagnostics.report(DiagnosticCode.WS301, flag.pos(), flag.text());
      }
    }
  }

  private List<Binding> bind(OperationChecks operationChecks, List<ResolvedProfile> profiles) {
    List<Binding> bindings = new ArrayList<>();
    for (ResolvedProfile profile : profiles) {
      for (Operation operation : spec.operations()) {
        Walker walker = spec.walker(operation.walker().text()).orElseThrow();
        Binding binding = operationChecks.bind(operation, walker, profile);
        reportAlwaysStopped(binding);
        checkLockMode(binding);
        bindings.add(binding);
      }
    }
    return bindings;
  }

  /** WS309: fixed flags and callbacks that trip a W1 guard on every call. */
  private void reportAlwaysStopped(Binding binding) {
    Evaluator partial = new Evaluator(environment(binding));
    for (Rule.Guard guard : binding.walker().guards()) {
      Value v = partial.eval(guard.when());
      if (v != null && v.asBool()) {
        diagnostics.report(
            DiagnosticCode.WS309,
            binding.operation().label().pos(),
            binding.operation().id().text(),
            guard.id().text(),
            binding.profile().name());
        return;
      }
    }
  }

  /** What is known of a walk at compile time: Kconfig values, fixed flags, callback presence. */
  public static Function<String, Value> environment(Binding binding) {
    return binding.environment();
  }

  /** WS208: the lock mode a binding asks for must exist on the profile's lock. */
  private void checkLockMode(Binding binding) {
    binding
        .walker()
        .rule(Rule.Lock.class)
        .ifPresent(
            lock -> {
              Value mode = new Evaluator(environment(binding)).eval(lock.mode());
              if (mode != null
                  && mode.type() == Type.LOCK_MODE
                  && binding.profile().isRwlock()
                  && mode.equals(Constants.SPIN)) {
                diagnostics.report(
                    DiagnosticCode.WS208,
                    lock.mode().pos(),
                    mode,
                    "rwlock",
                    binding.profile().name());
              }
            });
  }
}
