package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.api.WriteProtector;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.GmemInvalidation;
import dev.walkspec.runtime.explore.Scenario;
import dev.walkspec.runtime.explore.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import org.apiguardian.api.API;

/**
 * A hand-written handler's conformance suite, as generated suites use it: its configuration (the
 * spec, the binding, the handler, the walkers and writer of its concurrent scenarios) and the
 * checks they call. One-call properties run a {@link CheckedCall} and hand it to the obligation's
 * judge ({@link Judges}); explored tests run {@link ExploredRuns}; failures are {@link
 * FailureReports}.
 */
@API(status = EXPERIMENTAL)
public final class HandlerSuite {
  private final SpecRef specRef;
  private final String operation;
  private final String profileName;
  private final String handlerName;
  private final Supplier<? extends GfnHandler> handlers;
  private final FailureReports reports = new FailureReports(this::subject, this::obligationTitle);

  /** The class whose static initializer made this suite (a generated suite's SUITE). */
  private final Class<?> suiteClass;

  /** Why an earlier call never returned: the handler is not run again (shrinking would wait). */
  private volatile String hung;

  private Optional<ConcurrentScenarios.Walk> walk = Optional.empty();
  private Optional<ConcurrentScenarios.Walk> endWalk = Optional.empty();
  private Optional<Supplier<? extends WriteProtector>> writer = Optional.empty();

  /** The spec's guest_memfd filter on this suite's profile: asked of the interpreter once. */
  private volatile Optional<GmemInvalidation.FilterDecision> gmemFilter;

  private HandlerSuite(
      SpecRef specRef,
      String operation,
      String profile,
      String handlerName,
      Supplier<? extends GfnHandler> handlers,
      Class<?> suiteClass) {
    this.specRef = specRef;
    this.operation = operation;
    this.profileName = profile;
    this.handlerName = handlerName;
    this.handlers = handlers;
    this.suiteClass = suiteClass;
  }

  public static HandlerSuite of(
      SpecRef spec,
      String operation,
      String profile,
      String handlerName,
      Supplier<? extends GfnHandler> handlers) {
    // The generated suite class that holds this suite in its SUITE field, for printed tests.
    Class<?> caller =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
    return new HandlerSuite(spec, operation, profile, handlerName, handlers, caller);
  }

  /** The generated walker of the operation, for the concurrent scenarios. */
  public HandlerSuite withWalk(ConcurrentScenarios.Walk generated) {
    this.walk = Optional.of(generated);
    return this;
  }

  /** The generated walker that ends an invalidation (C2), for unmap's scenario. */
  public HandlerSuite withEndWalk(ConcurrentScenarios.Walk generated) {
    this.endWalk = Optional.of(generated);
    return this;
  }

  /** The arch's locked write-protect code, which H5 is about. */
  public HandlerSuite withWriter(Supplier<? extends WriteProtector> code) {
    this.writer = Optional.of(code);
    return this;
  }

  /**
   * The JUnit report entry an explored test publishes: how many schedules it ran ({@code walkspec
   * conform} counts them in its progress line; surefire keeps them in its XML).
   */
  public static final String SCHEDULES_ENTRY = "walkspec.schedules";

  /** The line of an explored failure that gives the command replaying it. */
  public static final String REPRODUCE = ExploredRuns.REPRODUCE;

  /**
   * Explores one concurrent scenario (see {@link ConcurrentScenarios}) exhaustively up to its
   * preemption bound (two, or one where one is enough); a failure is an {@link ExploredFailure}
   * whose message is the explorer's report (the obligation, the step table, the replay string, a
   * regression test).
   *
   * @return the exploration, which found no failure and ran every schedule within the bound
   * @throws InconclusiveExploration when the budget stopped the search before that
   */
  public ExplorationResult explore(String scenario) {
    Optional<ExplorationCache> cache = ExplorationCache.current();
    if (cache.isEmpty()) {
      return explored().explore(scenario);
    }
    String key =
        cache
            .get()
            .key(
                suiteClass,
                classesUnderTest(),
                subject(),
                scenario,
                ConcurrentScenarios.preemptionBound(scenario),
                ExplorationBudget.current());
    return cache.get().reuseOrRun(key, scenario, subject(), () -> explored().explore(scenario));
  }

  /** The handler's class and the writer's: a suite class may hold suites of several handlers. */
  private List<Class<?>> classesUnderTest() {
    List<Class<?>> classes = new ArrayList<>();
    classes.add(handlers.get().getClass());
    writer.ifPresent(code -> classes.add(code.get().getClass()));
    return classes;
  }

  /**
   * Runs one schedule of a concurrent scenario, given as the replay string of an explored
   * counterexample ({@code unmap-vs-root-free@0*316.1}): the same scenario, checks and budget as
   * {@link #explore}, so the same failure, or none once the bug is fixed.
   *
   * @return the run, which found no failure; its schedule ran to its end only if {@link
   *     ExplorationResult#exhausted()} says so, and the caller must read that before calling it a
   *     pass ({@code walkspec replay} reports anything else as inconclusive)
   * @throws IllegalArgumentException if the string is malformed or names no scenario of this suite
   */
  public ExplorationResult replay(String replay) {
    String name = Schedule.parse(replay).scenario();
    if (name == null || !scenarioNames().contains(name)) {
      throw new IllegalArgumentException(
          "no scenario '"
              + name
              + "' in the suite of "
              + subject()
              + "; its scenarios: "
              + String.join(", ", scenarioNames()));
    }
    return explored().replay(name, replay);
  }

  /**
   * The concurrent scenario {@code name} of this suite, as {@link #explore} runs it (for printed
   * regression tests: {@code Explorer.check(SuiteTest.SUITE.scenario(NAME), Strategy.replay(...),
   * Invariants.standard())}).
   */
  public Scenario scenario(String name) {
    return scenarios().scenario(name);
  }

  private ConcurrentScenarios scenarios() {
    return new ConcurrentScenarios(
            binding(),
            handlers,
            walk.orElseThrow(() -> new IllegalStateException("the suite has no walker (withWalk)")),
            endWalk,
            writer)
        .withGmemFilter(gmemFilter())
        .sourcedFrom(suiteClass.getSimpleName() + ".SUITE")
        .titled(obligations());
  }

  /** The attr_filter the spec's guest_memfd invalidation passes on this suite's profile. */
  private Optional<GmemInvalidation.FilterDecision> gmemFilter() {
    Optional<GmemInvalidation.FilterDecision> known = gmemFilter;
    if (known == null) {
      known = askGmemFilter();
      gmemFilter = known;
    }
    return known;
  }

  private Optional<GmemInvalidation.FilterDecision> askGmemFilter() {
    Binding binding = binding();
    // Asked of the interpreter only where the suite explores the guest_memfd scenario at all.
    if (!SpecGmemFilter.explored(binding.profile(), CheckedCall.kind(binding))) {
      return Optional.empty();
    }
    return SpecGmemFilter.of(specRef.load(), binding.profile());
  }

  private ExploredRuns explored() {
    return new ExploredRuns(
        binding(), scenarios(), obligations(), specRef.path(), handlers, writer, subject());
  }

  /**
   * What an explored test's name adds to the scenario: its preemption bound and its budget, e.g.
   * "up to 2 preemptions, budget 60 s or 200,000 schedules".
   */
  public static String exploredBounds(String scenario) {
    int bound = ConcurrentScenarios.preemptionBound(scenario);
    return "up to "
        + bound
        + (bound == 1 ? " preemption" : " preemptions")
        + ", budget "
        + ExplorationBudget.current().describe();
  }

  /**
   * The command that replays an explored counterexample of this suite from a build's base directory
   * (walkspec replay with the spec, the binding, the classes under test, the replay).
   */
  public String replayCommand(String replay) {
    return explored().replayCommand(replay);
  }

  /** The handler kind of this suite (age, test_age, unmap). */
  public String kind() {
    return CheckedCall.kind(binding());
  }

  /** The concurrent scenarios this suite explores (they depend on its kind and its writer). */
  public List<String> scenarioNames() {
    Binding binding = binding();
    return new ConcurrentScenarios(binding, handlers, walk.orElse((c, s) -> null), endWalk, writer)
        .withGmemFilter(gmemFilter())
        .names(CheckedCall.kind(binding));
  }

  /**
   * The concurrent scenarios this run explores: all of {@link #scenarioNames()}, or the part of
   * them that the shard {@link ExplorationShard#PROPERTY} names owns.
   */
  public List<String> exploredScenarioNames() {
    return ExplorationShard.current().of(suiteClass, scenarioNames());
  }

  public void checkDrift() {
    specRef.load();
  }

  /** The states of H14's property: long runs of young pages across a 1 GiB boundary. */
  public Arbitrary<HandlerState> longRanges() {
    return HandlerStates.longRanges(RuntimeProfiles.vms(binding().profile())).withoutEdgeCases();
  }

  public Arbitrary<HandlerState> states() {
    ResolvedProfile profile = binding().profile();
    // The families of HandlerStates are the edge cases that matter (huge-page boundaries, runs
    // across 1 GiB, edges of the range); jqwik's generic ones outnumber the tries and add noise.
    return HandlerStates.states(
            RuntimeProfiles.of(profile).maxHugeLevel(), RuntimeProfiles.vms(profile))
        .withoutEdgeCases();
  }

  /**
   * The states of the suite's properties with ranges of the shapes mm issues and KVM's rule for
   * huge mappings ({@link MmRanges}): whether a finding is reachable from mm (issue 17 item 5).
   */
  public Arbitrary<HandlerState> mmRangeStates(Set<MmRanges.Shape> shapes) {
    return MmRanges.of(states(), shapes);
  }

  private Binding binding() {
    return specRef
        .load()
        .binding(operation, profileName)
        .orElseThrow(
            () ->
                new AssertionError(
                    "walkspec: "
                        + operation
                        + "["
                        + profileName
                        + "] is no longer in "
                        + specRef.path()
                        + "; regenerate"));
  }

  /** "age handler dev.walkspec.arch.x86.tdp.TdpAge in clear_young[x86]". */
  public String subject() {
    Binding b = binding();
    String kind = CheckedCall.kind(b);
    return (kind.isEmpty() ? "handler" : kind)
        + " handler "
        + handlerName
        + " in "
        + b.displayName();
  }

  /**
   * Checks one obligation that a one-call judge judges ({@link Judges#oneCall()}) on one state: the
   * call runs in its context ({@link CheckedCall}); a rule the runtime enforces during the call (H1
   * lock context, H2, H3, H8...) breaks as the runtime names it; otherwise the judge reads the call
   * and the tables before and after it. A state on which the handler breaks an obligation is shrunk
   * ({@link StateShrinker}) to a smaller one on which it breaks the same obligation, and that one
   * is reported: generated properties leave shrinking to this (their jqwik shrinking is off).
   */
  public void check(String obligation, HandlerState drawn) {
    Binding binding = binding();
    Judges.Judge judge = oneCallJudge(obligation);
    refused(drawn, obligation)
        .ifPresent(
            r -> {
              throw reports.failure(obligation, obligation, drawn, r.details());
            });
    Optional<Broken> broken = run(binding, judge, obligation, drawn);
    if (broken.isEmpty()) {
      return;
    }
    Broken reported =
        hung == null ? shrunk(binding, judge, obligation, drawn, broken.get()) : broken.get();
    throw reports.failure(reported.obligation(), obligation, reported.state(), reported.details());
  }

  /**
   * What breaks on the smallest state {@link StateShrinker} reaches from {@code drawn} on which
   * {@code found}'s obligation still breaks. A candidate on which the call hangs is not kept, and
   * ends the shrinking: the handler is not run again.
   */
  private Broken shrunk(
      Binding binding, Judges.Judge judge, String obligation, HandlerState drawn, Broken found) {
    return StateShrinker.shrink(
            drawn,
            found,
            candidate ->
                run(binding, judge, obligation, candidate)
                    .filter(b -> hung == null && b.obligation().equals(found.obligation())))
        .failure();
  }

  /**
   * Whether the handler breaks {@code obligation} (or a rule the runtime enforces) on {@code
   * state}, as {@link #check} would find, without shrinking: for callers that draw states of their
   * own and want the first that breaks it ({@code walkspec conform}'s reachability check).
   */
  public boolean breaks(String obligation, HandlerState state) {
    return firstFinding(binding(), oneCallJudge(obligation), obligation, state).isPresent();
  }

  private static Judges.Judge oneCallJudge(String obligation) {
    return Judges.of(obligation)
        .filter(j -> j.oneCall().isPresent())
        .orElseThrow(
            () -> new IllegalArgumentException("not a one-call obligation: " + obligation));
  }

  /**
   * What a one-call check found broken on a state: the obligation, the state as the call ran it,
   * and what the report says about it.
   */
  private record Broken(String obligation, HandlerState state, String details) {}

  /** {@link #run}, unless the handler class could exit the JVM, which is refused unrun. */
  private Optional<Broken> firstFinding(
      Binding binding, Judges.Judge judge, String obligation, HandlerState drawn) {
    Optional<Broken> refused = refused(drawn, obligation);
    return refused.isPresent() ? refused : run(binding, judge, obligation, drawn);
  }

  /** The refusal of a handler class that could exit the JVM ({@link ExitRefusal}), if it is one. */
  private Optional<Broken> refused(HandlerState drawn, String obligation) {
    try {
      refuseExit(handlers.get().getClass());
      return Optional.empty();
    } catch (AssertionError refused) {
      return Optional.of(new Broken(obligation, drawn, refused.getMessage()));
    }
  }

  /** Runs the handler once on {@code drawn} and judges the call. */
  private Optional<Broken> run(
      Binding binding, Judges.Judge judge, String obligation, HandlerState drawn) {
    // A judge with a task waiting for the lock (H14) is about calls that may block: where the
    // operation leaves may_block to the caller, the call (and its report) has it set.
    HandlerState state =
        judge.has(Judges.Condition.LOCK_WAITER) && binding.paramFlags().contains("may_block")
            ? drawn.withMayBlock(true)
            : drawn;
    if (hung != null) {
      return Optional.of(new Broken(obligation, state, "not run again: " + hung));
    }
    CheckedCall.Outcome outcome = new CheckedCall(binding, handlers, judge.conditions()).run(state);
    if (outcome instanceof CheckedCall.Hung h) {
      hung = h.why();
      return Optional.of(new Broken(obligation, state, hung));
    }
    if (outcome instanceof CheckedCall.Threw t) {
      return Optional.of(
          new Broken(brokenBy(t.thrown(), obligation), state, "the handler threw " + t.thrown()));
    }
    TableJudges.Call call = ((CheckedCall.Returned) outcome).call();
    return judge
        .oneCall()
        .get()
        .judge(call)
        .map(
            finding ->
                new Broken(
                    finding.obligation(),
                    state,
                    finding.details() + "\n" + TableJudges.tables(call)));
  }

  private void refuseExit(Class<?> type) {
    ExitRefusal.check(type, "handler class " + type.getName() + " (" + subject() + ")");
  }

  /**
   * The obligation a runtime check reports broken ({@link RuleViolation#rule()}): that one is
   * broken, whichever property happened to run into it; a walk rule (C1, W7) or any other throw
   * breaks the obligation being checked.
   */
  private String brokenBy(Throwable e, String checking) {
    return e instanceof RuleViolation violation && obligations().containsKey(violation.rule())
        ? violation.rule()
        : checking;
  }

  private Map<String, Obligation> obligations() {
    return Obligation.allOf(specRef.load().spec());
  }

  private String obligationTitle(String id) {
    Obligation o = obligations().get(id);
    return o == null ? id : o.title();
  }

  /** Which profile the suite runs on, for display. */
  public ResolvedProfile profile() {
    return binding().profile();
  }
}
