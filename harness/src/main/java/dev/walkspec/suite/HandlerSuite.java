package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Value;
import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.explore.ExplorationFailure;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.explore.Invariants;
import dev.walkspec.runtime.explore.Scenario;
import dev.walkspec.runtime.explore.Schedule;
import dev.walkspec.runtime.explore.Strategy;
import dev.walkspec.runtime.world.World;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Property;
import org.apiguardian.api.API;

/**
 * Checks a hand-written handler against the obligations that can be judged from one call on a
 * page-table state (H4, H6, H9, H10, H11, H14): the call runs in the context the spec gives the
 * operation on the profile (lockless under SRCU only, or with the MMU lock in the realized mode),
 * and the tables before and after are compared.
 */
@API(status = EXPERIMENTAL)
public final class HandlerSuite {
  private final SpecRef specRef;
  private final String operation;
  private final String profileName;
  private final String handlerName;
  private final Supplier<? extends GfnHandler> handlers;

  private HandlerSuite(
      SpecRef specRef,
      String operation,
      String profile,
      String handlerName,
      Supplier<? extends GfnHandler> handlers) {
    this.specRef = specRef;
    this.operation = operation;
    this.profileName = profile;
    this.handlerName = handlerName;
    this.handlers = handlers;
  }

  /** Why an earlier call never returned: the handler is not run again (shrinking would wait). */
  private volatile String hung;

  /**
   * For each obligation found broken, the property that reported its counterexample in full: the
   * other properties of this handler that run into it only point there (a bug shows once).
   */
  private final java.util.Map<String, String> reportedBy =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Optional<ConcurrentScenarios.Walk> walk = Optional.empty();
  private Optional<ConcurrentScenarios.Walk> endWalk = Optional.empty();
  private Optional<Supplier<? extends dev.walkspec.runtime.api.WriteProtector>> writer =
      Optional.empty();

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
  public HandlerSuite withWriter(Supplier<? extends dev.walkspec.runtime.api.WriteProtector> code) {
    this.writer = Optional.of(code);
    return this;
  }

  /**
   * The JUnit report entry an explored test publishes: how many schedules it ran ({@code walkspec
   * conform} counts them in its progress line; surefire keeps them in its XML).
   */
  public static final String SCHEDULES_ENTRY = "walkspec.schedules";

  /**
   * Explores one concurrent scenario (see {@link ConcurrentScenarios}) exhaustively up to its
   * preemption bound (two, or one where one is enough); a failure is an AssertionError whose
   * message is the explorer's report (the obligation, the step table, the replay string, a
   * regression test).
   *
   * @return the exploration, which found no failure and ran every schedule within the bound
   * @throws InconclusiveExploration when the budget stopped the search before that
   */
  public ExplorationResult explore(String scenario) {
    int bound = ConcurrentScenarios.preemptionBound(scenario);
    ExplorationBudget budget = ExplorationBudget.current();
    ExplorationResult result = run(scenario, Strategy.dfs(bound), budget);
    // A search its budget cut short saw only part of the schedules: not a pass (issue 19).
    if (!result.exhausted()) {
      throw new InconclusiveExploration(scenario, bound, result, budget);
    }
    return result;
  }

  /**
   * Runs one schedule of a concurrent scenario, given as the replay string of an explored
   * counterexample ({@code unmap-vs-root-free@0*316.1}): the same scenario, checks and budget as
   * {@link #explore}, so the same failure, or none once the bug is fixed.
   *
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
    return run(name, Strategy.replay(replay), ExplorationBudget.current());
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
        .sourcedFrom(suiteClass.getSimpleName() + ".SUITE");
  }

  private ExplorationResult run(String scenario, Strategy strategy, ExplorationBudget budget) {
    Binding binding = binding();
    refuseExit(handlers.get().getClass());
    writer.ifPresent(w -> refuseExit(w.get().getClass()));
    try {
      return Explorer.check(
          scenarios().scenario(scenario),
          strategy,
          Invariants.standard(),
          budget.toExplorerBudget());
    } catch (ExplorationFailure failure) {
      AssertionError named =
          withObligation(failure, binding.fixedFlags().getOrDefault("lockless", false));
      // The report names actors; the last lines name the class under test and the command that
      // replays the counterexample outside the build (walkspec replay, docs/explorer.md).
      String command = replayCommand(failure.counterexample().replay());
      AssertionError withSubject =
          new ExploredFailure(
              named.getMessage()
                  + "\nwalkspec: the handler under test: "
                  + subject()
                  + "\n"
                  + REPRODUCE
                  + command,
              failure.result(),
              command);
      withSubject.setStackTrace(named.getStackTrace());
      throw withSubject;
    }
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

  /** The line of an explored failure that gives the command replaying it. */
  public static final String REPRODUCE = "reproduce: ";

  /**
   * The command that replays an explored counterexample of this suite from a build's base
   * directory: the spec the suite was generated from, the binding, the classes under test (from the
   * build's class directories) and the replay string.
   */
  public String replayCommand(String replay) {
    StringBuilder command =
        new StringBuilder("walkspec replay --spec ")
            .append(Shell.quote(specRef.path()))
            .append(" --binding ")
            .append(Shell.quote(binding().displayName()))
            .append(" --handler ")
            .append(Shell.quote(kind() + "=" + handlers.get().getClass().getName()));
    writer.ifPresent(
        w -> command.append(" --writer ").append(Shell.quote(w.get().getClass().getName())));
    return command
        .append(" --classpath target/classes:target/test-classes ")
        .append(Shell.quote(replay))
        .toString();
  }

  /** The handler kind of this suite (age, test_age, unmap). */
  public String kind() {
    Binding binding = binding();
    return binding.callback(WalkerRoles.of(binding.walker()).handlerSlot()).orElse("");
  }

  private void refuseExit(Class<?> type) {
    ExitRefusal.check(type, "handler class " + type.getName() + " (" + subject() + ")");
  }

  /**
   * A handler that fails (throws) in a lockless walk while other actors zap what it walks breaks
   * H6: entries may vanish under a lockless walker, which must skip them without warnings or
   * errors. The explorer reports such a failure as an uncaught exception; name the obligation.
   */
  static AssertionError withObligation(AssertionError failure, boolean lockless) {
    String report = String.valueOf(failure.getMessage());
    String generic = "breaks exception (actors complete without exceptions)";
    if (!lockless || !report.lines().findFirst().orElse("").contains(generic)) {
      return failure;
    }
    AssertionError named =
        new AssertionError(
            report.replaceFirst(
                java.util.regex.Pattern.quote(generic),
                "breaks H6 (concurrent zaps: a lockless handler must skip entries that vanished,"
                    + " not fail)"));
    named.setStackTrace(failure.getStackTrace());
    return named;
  }

  /** The concurrent scenarios this suite explores (they depend on its kind and its writer). */
  public List<String> scenarioNames() {
    Binding binding = binding();
    String kind = binding.callback(WalkerRoles.of(binding.walker()).handlerSlot()).orElse("");
    return new ConcurrentScenarios(binding, handlers, walk.orElse((c, s) -> null), endWalk, writer)
        .names(kind);
  }

  public static HandlerSuite of(
      SpecRef spec,
      String operation,
      String profile,
      String handlerName,
      Supplier<? extends GfnHandler> handlers) {
    HandlerSuite suite = new HandlerSuite(spec, operation, profile, handlerName, handlers);
    // The generated suite class that holds this suite in its SUITE field, for printed tests.
    suite.suiteClass =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
    return suite;
  }

  /** The class whose static initializer made this suite (a generated suite's SUITE). */
  private Class<?> suiteClass = HandlerSuite.class;

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
    String kind = b.callback(WalkerRoles.of(b.walker()).handlerSlot()).orElse("handler");
    return kind + " handler " + handlerName + " in " + b.displayName();
  }

  /**
   * Checks one obligation (H4, H6, H9, H10, H11 or H14) on one state. The runtime judges H4 (with
   * racing hardware) and H14 (with a task waiting for the lock) during the call; the others are
   * judged from the tables before and after it.
   */
  public void check(String obligation, HandlerState drawn) {
    Binding binding = binding();
    // H14 is about calls that may block, with a task waiting for the lock: where the operation
    // leaves may_block to the caller, the call (and its report) has it set.
    boolean bounded = obligation.equals("H14");
    HandlerState state =
        bounded && binding.paramFlags().contains("may_block") ? drawn.withMayBlock(true) : drawn;
    try {
      refuseExit(handlers.get().getClass());
    } catch (AssertionError refused) {
      throw failure(obligation, obligation, state, refused.getMessage());
    }
    if (hung != null) {
      throw failure(obligation, obligation, state, "not run again: " + hung);
    }
    boolean lockless = binding.fixedFlags().getOrDefault("lockless", false);
    // H4 is judged against hardware that races every compare-and-swap (RacingHardware).
    RacingHardware racing = new RacingHardware(RuntimeProfiles.of(binding.profile()).codec());
    boolean raced = obligation.equals("H4");
    // Every call runs within a budget of steps and allocation (CallBudget) and of time.
    CallBudget budget =
        new CallBudget(raced ? racing : dev.walkspec.runtime.sched.Scheduler.production());
    HandlerWorld hw = HandlerWorld.build(binding.profile(), state, budget);
    World world = hw.world;
    PageTableSnapshot before = snapshot(world);
    long flushesBefore = world.tlbFlushes();
    // may_block as the operation fixes it, or (a param, C1) as the state has it.
    boolean mayBlock =
        binding.paramFlags().contains("may_block")
            ? state.mayBlock()
            : binding.fixedFlags().getOrDefault("may_block", false);
    world.mmuContext().setWaiter(bounded);
    GfnRange range =
        new GfnRange(hw.slot, state.start(), state.end(), 0, AttrFilter.SHARED, mayBlock, lockless);
    boolean[] returned = new boolean[1];
    long[] unflushed = new long[1];
    Throwable thrown;
    try {
      thrown =
          BoundedCall.run(
              () -> {
                budget.arm();
                racing.arm(raced);
                try {
                  returned[0] = call(world, binding, range);
                  unflushed[0] =
                      world.mmuContext().unflushedZaps(dev.walkspec.runtime.sched.Actor.current());
                } finally {
                  racing.arm(false);
                  budget.disarm();
                }
              });
    } catch (BoundedCall.Abandoned abandoned) {
      hung = abandoned.getMessage();
      throw failure(obligation, obligation, state, hung);
    }
    if (thrown instanceof RuntimeException || thrown instanceof AssertionError) {
      // A runtime check names the obligation it enforces (H1 lock context, H2, H3, H8...):
      // that one is broken, whichever property happened to run into it.
      throw failure(brokenBy(thrown, obligation), obligation, state, "the handler threw " + thrown);
    } else if (thrown != null) {
      throw failure(obligation, obligation, state, "the handler threw " + thrown);
    }
    boolean result = returned[0];
    PageTableSnapshot after = snapshot(world);
    String kind = binding.callback(WalkerRoles.of(binding.walker()).handlerSlot()).orElse("");
    Optional<String> problem =
        switch (obligation) {
          case "H4", "H6", "H14" -> Optional.empty();
          case "H9" -> coverage(kind, state, result, before, after, world.codec());
          case "H10" -> confinement(state, before, after, world.codec());
          case "H11" ->
              resultMeaning(
                  kind,
                  state,
                  result,
                  // Flushed itself: a flush during the call, or zaps that keep TLBs coherent
                  // by themselves (coherent_zap, s390), and no zap left for the walk's flush.
                  (world.tlbFlushes() > flushesBefore || binding.profile().coherentZap())
                      && unflushed[0] == 0,
                  binding.fixedFlags().getOrDefault("flush_on_ret", false),
                  before,
                  after,
                  world.codec());
          default ->
              throw new IllegalArgumentException("not a sequential obligation: " + obligation);
        };
    if (problem.isPresent()) {
      throw failure(obligation, obligation, state, problem.get());
    }
    if (obligation.equals("H10") && lockless) {
      // Checked with H10's call: a lockless handler must not change structure (H7).
      onlyAccessedChanged(kind, state, before, after, world.codec())
          .ifPresent(
              p -> {
                throw failure("H7", obligation, state, p);
              });
    }
  }

  /** The obligation a runtime rule violation cites ("H3: ..."), else the one being checked. */
  static String brokenBy(Throwable e, String checking) {
    if (e instanceof dev.walkspec.runtime.api.RuleViolation) {
      java.util.regex.Matcher cited =
          java.util.regex.Pattern.compile("^(H\\d+)\\b").matcher(String.valueOf(e.getMessage()));
      if (cited.find()) {
        return cited.group(1);
      }
    }
    return checking;
  }

  /** The handler call the way the walk makes it (W2, W7): SRCU held, the lock as the spec says. */
  private boolean call(World world, Binding binding, GfnRange range) {
    Optional<LockMode> mode = range.lockless() ? Optional.empty() : lockMode(binding);
    int srcu = world.srcu().readLock();
    mode.ifPresent(m -> world.mmuLock().acquire(m));
    try {
      return world.callHandler(handlers.get(), range);
    } finally {
      mode.ifPresent(m -> world.mmuLock().release(m));
      world.srcu().readUnlock(srcu);
    }
  }

  static Optional<LockMode> lockMode(Binding binding) {
    Optional<Rule.Lock> lock = binding.walker().rule(Rule.Lock.class);
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    Value requested = new Evaluator(binding.environment()).eval(lock.get().mode());
    Value realized =
        binding
            .profile()
            .realize(requested == null ? dev.walkspec.model.Constants.WRITE : requested);
    return Optional.of(LockMode.valueOf(realized.toString().toUpperCase(java.util.Locale.ROOT)));
  }

  private static PageTableSnapshot snapshot(World world) {
    PageTableSnapshot[] out = new PageTableSnapshot[1];
    world.withExclusiveLock(() -> out[0] = PageTableSnapshot.of(world));
    return out[0];
  }

  /** H9: every mapping of every gfn in [start, end) handled, in every root that matters. */
  private static Optional<String> coverage(
      String kind,
      HandlerState s,
      boolean result,
      PageTableSnapshot before,
      PageTableSnapshot after,
      EntryCodec codec) {
    List<PageTableSnapshot.Leaf> left = after.overlapping(0, s.start(), s.end());
    switch (kind) {
      case "unmap":
        return left.isEmpty()
            ? Optional.empty()
            : Optional.of(
                "mappings of the range are still present after unmap (valid and invalid roots must be zapped): "
                    + leaves(left, codec));
      case "age":
        List<PageTableSnapshot.Leaf> young =
            left.stream().filter(l -> l.validRoot() && codec.accessed(l.entry())).toList();
        return young.isEmpty()
            ? Optional.empty()
            : Optional.of(
                "mappings of the range are still young after aging: " + leaves(young, codec));
      case "test_age":
        boolean anyYoung =
            before.overlapping(0, s.start(), s.end()).stream()
                .anyMatch(l -> l.validRoot() && codec.accessed(l.entry()));
        return anyYoung && !result
            ? Optional.of("a young mapping in the range was not reported (test_age returned false)")
            : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /**
   * H7, for a lockless age handler: inside the range it may clear the Accessed state of entries (or
   * mark them for access tracking, which the runtime encodes the same way), nothing else; an entry
   * removed or otherwise rewritten is a structural change the lock did not allow. (Locked aging may
   * zap to age, as the shadow MMU once did, so this is for lockless calls only.)
   */
  private static Optional<String> onlyAccessedChanged(
      String kind,
      HandlerState s,
      PageTableSnapshot before,
      PageTableSnapshot after,
      EntryCodec codec) {
    if (!kind.equals("age")) {
      return Optional.empty();
    }
    List<String> changed =
        before.changesBeyond(after, codec::clearAccessed, codec).stream()
            .filter(change -> insideRange(change, s))
            .toList();
    return changed.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "lockless aging changed more than the Accessed state of entries in the range: "
                + String.join("; ", changed));
  }

  /** H10: nothing outside [start, end) of the slot changes, in no root and no other space. */
  private static Optional<String> confinement(
      HandlerState s, PageTableSnapshot before, PageTableSnapshot after, EntryCodec codec) {
    List<String> outside =
        before.changes(after, codec).stream().filter(change -> !insideRange(change, s)).toList();
    return outside.isEmpty()
        ? Optional.empty()
        : Optional.of("entries outside the range changed: " + String.join("; ", outside));
  }

  private static boolean insideRange(String change, HandlerState s) {
    String[] key = change.split(" ", 2)[0].split("/");
    int as = Integer.parseInt(key[0]);
    long gfn = Long.parseLong(key[2]);
    long pages = dev.walkspec.runtime.api.Pages.pagesAt(Integer.parseInt(key[3]));
    return as == 0 && gfn < s.end() && s.start() < gfn + pages;
  }

  /**
   * H11: the result means what the handler kind says it means. For unmap, true asks the walk to
   * flush (W10): a handler that removed mappings must return true, unless it flushed remote TLBs
   * itself during the call, as arm64 and riscv do (and then return false, as the kernel does); one
   * that removed nothing must return false ("true if any present mapping was removed").
   *
   * <p>Aging may remove mappings where the lock allows it (the shadow MMU once aged by zapping),
   * but a removed mapping stays in vCPU TLBs until a flush, and a later unmap that finds nothing
   * left to zap asks for none (H12): so an age call that removed one must end with a flush, its own
   * or the walk's (a true result where the operation flushes on it, W10).
   */
  private static Optional<String> resultMeaning(
      String kind,
      HandlerState s,
      boolean result,
      boolean flushedItself,
      boolean flushOnRet,
      PageTableSnapshot before,
      PageTableSnapshot after,
      EntryCodec codec) {
    List<PageTableSnapshot.Leaf> range = before.overlapping(0, s.start(), s.end());
    boolean youngValid = range.stream().anyMatch(l -> l.validRoot() && codec.accessed(l.entry()));
    boolean youngAny = range.stream().anyMatch(l -> codec.accessed(l.entry()));
    switch (kind) {
      case "unmap":
        List<String> removed =
            before.changes(after, codec).stream().filter(c -> c.endsWith(" removed")).toList();
        if (removed.isEmpty() && result) {
          return Optional.of(
              "unmap removed nothing but returned true, asking the walk for a flush nothing"
                  + " needs");
        }
        return removed.isEmpty() || result || flushedItself
            ? Optional.empty()
            : Optional.of(
                "unmap removed "
                    + removed.size()
                    + " mapping(s) but returned false without flushing remote TLBs itself,"
                    + " so the walk will not flush (W10)");
      case "age":
        List<String> gone =
            before.changes(after, codec).stream().filter(c -> c.endsWith(" removed")).toList();
        if (!gone.isEmpty() && !flushedItself && !(result && flushOnRet)) {
          return Optional.of(
              "age removed "
                  + gone.size()
                  + " mapping(s) and the call ends without a remote TLB flush (the handler"
                  + " flushed nothing and returned "
                  + result
                  + (flushOnRet ? "" : " in an operation that never flushes")
                  + "): vCPUs keep the removed translations, and a later unmap that finds"
                  + " nothing to zap will not flush them (H12): "
                  + String.join("; ", gone));
        }
        if (youngValid && !result) {
          return Optional.of("age returned false although a mapping in the range was young");
        }
        return !youngAny && result
            ? Optional.of("age returned true although no mapping in the range was young")
            : Optional.empty();
      case "test_age":
        List<String> changed = before.changes(after, codec);
        if (!changed.isEmpty()) {
          return Optional.of("test_age changed entries: " + String.join("; ", changed));
        }
        if (youngValid != result && !(result && youngAny)) {
          return Optional.of(
              "test_age returned " + result + " but young mappings in the range: " + youngValid);
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private static String leaves(List<PageTableSnapshot.Leaf> leaves, EntryCodec codec) {
    return leaves.stream()
        .map(
            l ->
                "root "
                    + l.root()
                    + (l.validRoot() ? "" : " (invalid)")
                    + " gfn "
                    + l.gfn()
                    + (l.level() == 1 ? " 4K " : " level " + l.level() + " ")
                    + PageTableSnapshot.describe(l.entry(), codec))
        .collect(Collectors.joining(", "));
  }

  /**
   * The failure of the property checking {@code checking} that found {@code broken} broken: the
   * whole counterexample, unless another property of this handler has reported {@code broken}
   * already, which it then points to ("see H4 above").
   */
  private AssertionError failure(
      String broken, String checking, HandlerState state, String details) {
    Optional<Method> property = property();
    String here = property.map(HandlerSuite::testName).orElse("");
    String first = reportedBy.putIfAbsent(broken, here);
    if (!broken.equals(checking) && first != null && !first.equals(here)) {
      return new AssertionError(
          "walkspec: "
              + obligationTitle(broken)
              + " broken by "
              + subject()
              + " (found again while checking "
              + checking
              + "): see "
              + broken
              + " above, where "
              + first
              + " reports the counterexample");
    }
    return new ConformanceFailure(
        obligationTitle(broken), subject(), state.toString(), details, reproduce(property));
  }

  private static boolean isCheck(StackWalker.StackFrame frame) {
    return frame.getDeclaringClass() == HandlerSuite.class && frame.getMethodName().equals("check");
  }

  /** The generated property that called {@link #check}, found on the stack. */
  static Optional<Method> property() {
    Optional<StackWalker.StackFrame> frame =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(frames -> frames.dropWhile(f -> !isCheck(f)).skip(1).findFirst());
    return frame.flatMap(
        f ->
            Arrays.stream(f.getDeclaringClass().getDeclaredMethods())
                .filter(m -> m.getName().equals(f.getMethodName()))
                .filter(m -> m.isAnnotationPresent(Property.class))
                .findFirst());
  }

  /** "ClearYoungX86X86AgeHandlerTest#h4AtomicUpdates". */
  private static String testName(Method property) {
    return property.getDeclaringClass().getSimpleName() + "#" + property.getName();
  }

  /**
   * The command that runs the failing property again and draws the failing state: the property runs
   * with its fixed seed if the suite was generated with one; otherwise jqwik tries the sample that
   * failed first, from its database (.jqwik-database).
   */
  static String reproduce(Optional<Method> property) {
    if (property.isEmpty()) {
      return "rerun the property; jqwik tries the failing sample first";
    }
    String seed = property.get().getAnnotation(Property.class).seed();
    String command = "mvn test -Dtest='" + testName(property.get()) + "'";
    return seed.isEmpty()
        ? command + " (jqwik tries the failing sample first, from .jqwik-database)"
        : command + " (the property runs with the fixed seed " + seed + ": the same states)";
  }

  private String obligationTitle(String id) {
    return specRef.load().spec().obligation(id).map(o -> o.id() + " " + o.label()).orElse(id);
  }

  /** Which profile the suite runs on, for display. */
  public ResolvedProfile profile() {
    return binding().profile();
  }
}
