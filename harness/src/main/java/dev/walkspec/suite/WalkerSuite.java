package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.model.Value;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.trace.RecordingTraceSink;
import dev.walkspec.runtime.trace.TraceEvent;
import dev.walkspec.runtime.world.World;
import dev.walkspec.semantics.Interpreter;
import dev.walkspec.semantics.Scenario;
import dev.walkspec.semantics.ScenarioJsonWriter;
import dev.walkspec.semantics.SmallScope;
import dev.walkspec.semantics.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Checks a walker (generated or hand-written) against the reference semantics: on every scenario,
 * the walker's trace on the runtime world must equal the interpreter's, its result must match
 * RESULT, and it must leave no lock or SRCU section behind (W2, W11).
 *
 * @param <W> the walker interface of the operation (or the generic walker interface)
 */
@API(status = EXPERIMENTAL)
public final class WalkerSuite<W> {
  /** Builds the walker under test. */
  public interface Factory<W> {
    W create(WalkerContext context);
  }

  /** Calls the walker's walk method with the scenario's inputs. */
  public interface Invoker<W> {
    WalkResult walk(W walker, Scenario scenario);
  }

  /** The scenarios of one layout, checked on one world. */
  public record Batch(String name, int layout, long scenarios) {}

  private static final AtomicLong CHECKED = new AtomicLong();

  /** Checks of this suite that failed in this JVM (a passing suite is recorded: VerifiedOnce). */
  private final AtomicInteger failures = new AtomicInteger();

  private final SpecRef specRef;
  private final Optional<String> operation;
  private final String profileName;
  private final Factory<W> factory;
  private final Invoker<W> invoker;

  private WalkerSuite(
      SpecRef specRef,
      Optional<String> operation,
      String profile,
      Factory<W> factory,
      Invoker<W> invoker) {
    this.specRef = specRef;
    this.operation = operation;
    this.profileName = profile;
    this.factory = factory;
    this.invoker = invoker;
  }

  public static <W> WalkerSuite<W> forOperation(
      SpecRef spec, String operation, String profile, Factory<W> factory, Invoker<W> invoker) {
    return new WalkerSuite<>(spec, Optional.of(operation), profile, factory, invoker);
  }

  public static <W> WalkerSuite<W> generic(
      SpecRef spec, String profile, Factory<W> factory, Invoker<W> invoker) {
    return new WalkerSuite<>(spec, Optional.empty(), profile, factory, invoker);
  }

  /** Fails when the spec changed since generation (drift lock). */
  public void checkDrift() {
    specRef.load();
  }

  private CheckedSpec spec() {
    return specRef.load();
  }

  private ResolvedProfile profile() {
    return spec()
        .profile(profileName)
        .orElseThrow(
            () ->
                new AssertionError(
                    "walkspec: profile "
                        + profileName
                        + " is no longer in "
                        + specRef.path()
                        + "; regenerate"));
  }

  private Optional<Binding> binding() {
    return operation.map(
        op ->
            spec()
                .binding(op, profileName)
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "walkspec: operation "
                                + op
                                + " is no longer in "
                                + specRef.path()
                                + "; regenerate")));
  }

  /** "clear_young[x86]", or "generic[x86]". */
  public String subject() {
    return binding().map(Binding::displayName).orElse("generic walker[" + profileName + "]");
  }

  /** The layouts of the exhaustive small scope, each a batch of scenarios. */
  public List<Integer> layouts() {
    return IntStream.range(0, SmallScope.layoutCount(profile())).boxed().toList();
  }

  /** Whether a check of this suite failed in this JVM. */
  public boolean failedSomewhere() {
    return failures.get() > 0;
  }

  /** Checks every scenario of one layout; returns how many were checked. */
  public long checkLayout(int layout) {
    try {
      return checkEveryScenario(layout);
    } catch (RuntimeException | Error e) {
      failures.incrementAndGet();
      throw e;
    }
  }

  private long checkEveryScenario(int layout) {
    SmallScope scope = new SmallScope(spec());
    Stream<Scenario> scenarios =
        binding().isPresent()
            ? scope.operation(binding().get(), layout)
            : scope.explicitInputs(profile(), layout);
    Interpreter interpreter = new Interpreter(spec());
    World world = null;
    long checked = 0;
    for (Scenario scenario : (Iterable<Scenario>) scenarios::iterator) {
      if (world == null) {
        world = worldFor(scenario);
      }
      check(interpreter, world, scenario);
      checked++;
    }
    return checked;
  }

  /** How many scenarios all walker suites of this JVM have checked (for reports). */
  public static long scenariosChecked() {
    return CHECKED.get();
  }

  /** Checks one scenario on a fresh world. */
  public void check(Scenario scenario) {
    try {
      check(new Interpreter(spec()), worldFor(scenario), scenario);
    } catch (RuntimeException | Error e) {
      failures.incrementAndGet();
      throw e;
    }
  }

  /**
   * A fresh world with the scenario's memslots. The calling thread gets a fresh actor too, so that
   * a walker that failed with a lock held cannot poison the worlds of later checks.
   */
  private World worldFor(Scenario scenario) {
    Actor.bind("walker");
    World world = World.builder(RuntimeProfiles.of(profile())).vcpus(0).build();
    for (int as = 0; as < scenario.addressSpaces().size(); as++) {
      for (Scenario.Slot slot : scenario.addressSpaces().get(as).slots()) {
        world.createSlot(
            new MemSlot(as, slot.id(), slot.baseGfn(), slot.npages(), slot.userspaceAddr(), 0));
      }
    }
    return world;
  }

  private void check(Interpreter interpreter, World world, Scenario scenario) {
    Trace expected = interpreter.run(scenario);
    RecordingTraceSink sink = new RecordingTraceSink();
    ScriptedHandler handler = new ScriptedHandler(scenario.handlerResults());
    OnLockCallback onLock = kvm -> {};
    WalkerContext context =
        new WalkerContext(
            world,
            kconfig(),
            scenario.handler(),
            scenario.onLock(),
            handler.bool(),
            handler.ints(),
            onLock,
            handler.bool(),
            handler.ints(),
            sink);
    WalkResult result;
    try {
      result = invoker.walk(factory.create(context), scenario);
    } catch (RuntimeException | AssertionError e) {
      throw new ConformanceFailure(
          ruleOf(e),
          subject(),
          ScenarioJsonWriter.write(scenario),
          "the walker threw " + e + "\n  expected trace:\n" + expected.text().indent(4),
          replay(scenario));
    }
    List<String> actual = sink.lines();
    if (!actual.equals(expected.lines())) {
      throw new ConformanceFailure(
          firstRule(expected, actual),
          subject(),
          ScenarioJsonWriter.write(scenario),
          expected.lines(),
          actual,
          replay(scenario));
    }
    checkResult(scenario, expected.result(), result);
    checkBalanced(scenario, world);
    CHECKED.incrementAndGet();
  }

  private void checkResult(Scenario scenario, TraceEvent.Result expected, WalkResult result) {
    String ret =
        expected.ret().equals("true") || expected.ret().equals("false")
            ? Boolean.toString(result.young())
            : Long.toString(result.ret());
    if (!ret.equals(expected.ret()) || result.foundMemslot() != expected.foundMemslot()) {
      throw new ConformanceFailure(
          "W12",
          subject(),
          ScenarioJsonWriter.write(scenario),
          "the walker returned ret="
              + ret
              + " found_memslot="
              + result.foundMemslot()
              + " but its own trace says "
              + expected.render(),
          replay(scenario));
    }
  }

  private void checkBalanced(Scenario scenario, World world) {
    if (world.mmuLock().heldMode() != null || world.srcu().inReadSection()) {
      throw new ConformanceFailure(
          "W11",
          subject(),
          ScenarioJsonWriter.write(scenario),
          "the walk left the MMU lock held ("
              + world.mmuLock().heldMode()
              + ") or the SRCU read section open ("
              + world.srcu().inReadSection()
              + ")",
          replay(scenario));
    }
  }

  private Map<String, Boolean> kconfig() {
    Map<String, Boolean> values = new HashMap<>();
    profile()
        .config()
        .forEach(
            (option, value) -> {
              if (value instanceof Value.BoolValue b) {
                values.put(option, b.value());
              }
            });
    return values;
  }

  /**
   * A large random layout: the seed and slot count {@link #randomScenario} builds it from, which
   * the test's name shows so that a failure can be run again.
   */
  public record RandomLayout(long seed, int slots) {
    @Override
    public String toString() {
      return "random layout seed=" + seed + " slots=" + slots;
    }
  }

  /**
   * {@code count} random layouts of 1 to 512 slots, drawn from {@code fixedSeed} (a decimal long)
   * or, when it is empty, from a new seed each run.
   */
  public List<RandomLayout> randomLayouts(int count, String fixedSeed) {
    SplittableRandom random =
        fixedSeed.isEmpty()
            ? new SplittableRandom()
            : new SplittableRandom(Long.parseLong(fixedSeed.trim()));
    List<RandomLayout> layouts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      layouts.add(new RandomLayout(random.nextLong(), 1 + random.nextInt(512)));
    }
    return layouts;
  }

  /** Checks the scenario of one random layout on a fresh world. */
  public void check(RandomLayout layout) {
    check(randomScenario(layout.seed(), layout.slots()));
  }

  /** A large random scenario (see {@link RandomScenarios}) for this suite's walk. */
  public Scenario randomScenario(long seed, int slots) {
    return RandomScenarios.scenario(spec(), profile(), binding(), seed, slots);
  }

  /** A runtime rule violation starts with the rule it breaks ("W2: ..."); name that one. */
  /** The rule a runtime check names ({@link RuleViolation#rule()}); else any walk rule. */
  private static String ruleOf(Throwable e) {
    return e instanceof RuleViolation violation ? violation.rule() : "W1-W13";
  }

  /** The rule whose event differs first, named from the event kind. */
  private static String firstRule(Trace expected, List<String> actual) {
    List<String> lines = expected.lines();
    for (int i = 0; i < lines.size(); i++) {
      String want = lines.get(i);
      if (i >= actual.size() || !want.equals(actual.get(i))) {
        return ruleOf(want);
      }
    }
    return actual.size() > lines.size() ? ruleOf(actual.get(lines.size())) : "W1-W13";
  }

  private static String ruleOf(String event) {
    String kind = event.split(" ", 2)[0];
    return switch (kind) {
      case "WARN" -> "W1 (guards)";
      case "SRCU_LOCK", "SRCU_UNLOCK" -> "W2 (SRCU section)";
      case "LOCK", "ON_LOCK" -> "W7 (lazy lock, on_lock)";
      case "CALL" -> "W3-W9 (slots, gfn ranges, handler calls)";
      case "FLUSH" -> "W10 (flush)";
      case "UNLOCK" -> "W11 (unlock)";
      case "RESULT" -> "W12 (result)";
      default -> "W1-W13";
    };
  }

  private String replay(Scenario scenario) {
    return "echo '"
        + ScenarioJsonWriter.write(scenario)
        + "' > scenario.json && walkspec trace "
        + specRef.path()
        + " --scenario scenario.json";
  }
}
