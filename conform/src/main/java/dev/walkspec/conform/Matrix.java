package dev.walkspec.conform;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.Obligations;
import dev.walkspec.cli.ExploredSuites;
import dev.walkspec.cli.UsageException;
import dev.walkspec.conform.cache.CacheKeys;
import dev.walkspec.conform.cache.ResultCache;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.SourceCompiler;
import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.runtime.world.World;
import dev.walkspec.semantics.ObligationChanges;
import dev.walkspec.suite.ConformanceFailure;
import dev.walkspec.suite.ExplorationBudget;
import dev.walkspec.suite.HandlerSuite;
import dev.walkspec.suite.InconclusiveExploration;
import dev.walkspec.suite.Judges;
import dev.walkspec.suite.Shell;
import dev.walkspec.suite.SpecGmemFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs every handler set against every spec through the generated handler suites, the same
 * generated code a downstream build runs. A handler's outcome for an obligation depends only on the
 * handler class, the profile, the handler kind, the context the spec gives it (lockless, or the
 * lock mode) and the obligation: each such combination is run once, with the suite of the first
 * spec that needs it, and every cell with the same combination shares its outcome.
 */
public final class Matrix {
  /** Whether the explorer (rather than a one-call property) judges this obligation. */
  public static boolean isExplored(String obligation) {
    return Judges.judgedBy(obligation, Judges.By.EXPLORED)
        && !Judges.judgedBy(obligation, Judges.By.ONE_CALL);
  }

  /** The judgement "every explored scenario passes" (it can break any explored obligation). */
  static final String EXPLORE = SuiteTests.EXPLORED;

  /** Every property of the matrix runs with this seed: the same samples on every run. */
  public static final String SEED = "20261126";

  private final List<NamedSpec> specs;
  private final List<HandlerSet> sets;
  private final int tries;
  private final Progress progress;
  private final Optional<ResultCache> cache;
  private final Optional<Path> keepSuites;
  private final int threads;
  private final Optional<Shard> shard;
  private final boolean cachedOnly;
  private final List<MatrixResult.Phase> phases = new ArrayList<>();
  private String phase;
  private long phaseBegan;

  /**
   * How a run goes: tries per property; the cache judgements are reused from and stored in; where
   * the generated suites are kept (every judgement runs then); how many workers run suites; which
   * shard of the suites runs (all when empty); and whether every judgement must come from the cache
   * (a merge of shards' results, which runs nothing).
   */
  public record Options(
      int tries,
      Optional<ResultCache> cache,
      Optional<Path> keepSuites,
      int threads,
      Optional<Shard> shard,
      boolean cachedOnly) {
    /** In this JVM, without a cache: what a test of a few cells wants. */
    public static Options inThisJvm(int tries) {
      return new Options(tries, Optional.empty(), Optional.empty(), 1, Optional.empty(), false);
    }

    public Options withThreads(int count) {
      return new Options(tries, cache, keepSuites, count, shard, cachedOnly);
    }

    public Options withCache(ResultCache results) {
      return new Options(tries, Optional.of(results), keepSuites, threads, shard, cachedOnly);
    }
  }

  /** A checked spec with the name its column shows. */
  public record NamedSpec(String name, Path file, CheckedSpec checked) {}

  /** One (set, operation on a profile, obligation) judgement, and the run that decides it. */
  private record Need(
      String set, String spec, Binding binding, String kind, String obligation, String key) {}

  private Matrix(List<NamedSpec> specs, List<HandlerSet> sets, Progress progress, Options options) {
    this.specs = specs;
    this.sets = sets;
    this.tries = options.tries();
    this.progress = progress;
    this.cache = options.cache();
    this.keepSuites = options.keepSuites();
    this.threads = options.threads();
    this.shard = options.shard();
    this.cachedOnly = options.cachedOnly();
  }

  public static MatrixResult run(
      List<NamedSpec> specs, List<HandlerSet> sets, int tries, Progress progress) throws Exception {
    return run(specs, sets, progress, Options.inThisJvm(tries));
  }

  /** One worker per core runs the suites (threads of this JVM), unless the user asks for fewer. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs the matrix, reusing from {@code cache} every judgement whose inputs are unchanged (see
   * {@link CacheKeys}) and storing the ones it runs; with {@code keepSuites}, every judgement runs
   * and the generated suites' sources are written there too. With {@code threads} above one, the
   * suites run on that many workers; the outcomes are the same as with one. With a shard, only its
   * suites run, and the result's cells hold only its judgements (they are for the cache: a merge of
   * every shard's cache gives the whole matrix).
   */
  public static MatrixResult run(
      List<NamedSpec> specs, List<HandlerSet> sets, Progress progress, Options options)
      throws Exception {
    return new Matrix(specs, sets, progress, options).run();
  }

  private MatrixResult run() throws Exception {
    long began = System.nanoTime();
    phase("planning", "planning");
    List<Need> needs = needs();
    Map<String, Need> representatives = new LinkedHashMap<>();
    needs.forEach(n -> representatives.putIfAbsent(n.key(), n));
    shard.ifPresent(s -> keepOwn(s, representatives));
    Map<String, Optional<MatrixCell.Failure>> byKey = new HashMap<>();
    // How long each judgement's tests took: those that ran now, and the cached ones when they ran.
    Map<String, Long> ranMillis = new HashMap<>();
    Map<String, Long> cachedMillis = new HashMap<>();
    Map<String, String> cacheKeys = cacheKeys(representatives.values());
    Set<String> readLockers = new TreeSet<>();
    int reusedTests = 0;
    Map<String, Need> toRun = new LinkedHashMap<>();
    for (Need rep : representatives.values()) {
      Optional<ResultCache.Judgement> cached =
          // Keeping the suites means writing them all: nothing is taken from the cache then.
          keepSuites.isPresent()
              ? Optional.empty()
              : cache.flatMap(c -> c.judgement(cacheKeys.get(rep.key())));
      if (cached.isPresent()) {
        byKey.put(rep.key(), cached.get().outcome().map(Matrix::fromCache));
        cachedMillis.put(rep.key(), cached.get().millis());
        reusedTests += cached.get().tests();
        readLockers.addAll(cached.get().readLockers());
      } else {
        toRun.put(rep.key(), rep);
      }
    }
    if (cachedOnly && !toRun.isEmpty()) {
      throw new UsageException(
          "--merge: "
              + toRun.size()
              + " of "
              + representatives.size()
              + " judgements are in none of the directories given (a shard missing?), the first: "
              + rerunCells(needs, toRun.keySet()).get(0));
    }
    MatrixResult.CacheUse use =
        new MatrixResult.CacheUse(
            cache.isPresent(),
            representatives.size() - toRun.size(),
            representatives.size(),
            reusedTests,
            rerunCells(needs, toRun.keySet()));
    if (toRun.isEmpty()) {
      return new MatrixResult(
          specs.stream().map(NamedSpec::name).toList(),
          sets,
          cells(needs, byKey, new Times(ranMillis, cachedMillis)),
          0,
          0,
          0,
          (System.nanoTime() - began) / 1_000_000,
          use,
          readLockers,
          phase(null, null));
    }
    phase("generating", "generating " + toRun.size() + " judgements");
    Map<String, String> suiteOfBinding = new LinkedHashMap<>();
    // Each suite class with the cell it judges ("TdpUnmapReturnsFalse on kvm, ..."), in order.
    Map<String, String> cellOfSuite = new LinkedHashMap<>();
    // The obligations each suite judges: only their tests run (SuiteTests.only).
    Map<String, Set<String>> judgedInSuite = new LinkedHashMap<>();
    // The suites read their spec's image (the largest source) and drive its walkers, made and
    // compiled once per spec.
    MatrixSources sources = new MatrixSources();
    Set<String> imaged = new HashSet<>();
    for (Need rep : toRun.values()) {
      String id = suiteId(rep);
      if (!suiteOfBinding.containsKey(id)) {
        List<GeneratedFile> files = suite(rep, suiteOfBinding.size());
        sources.addSuite(files, sharedPackage(rep.spec()));
        if (imaged.add(rep.spec())) {
          sources.addShared(specImage(rep.spec()));
        }
        suiteOfBinding.put(id, className(files.get(0)));
        cellOfSuite.put(
            className(files.get(0)),
            rep.set() + " on " + rep.spec() + ", " + rep.binding().displayName());
      }
      judgedInSuite
          .computeIfAbsent(suiteOfBinding.get(id), c -> new TreeSet<>())
          .add(rep.obligation());
    }
    if (keepSuites.isPresent()) {
      KeptSuites.write(keepSuites.get(), sources.all());
    }
    phase(
        "compiling",
        "compiling " + suiteOfBinding.size() + " suites (" + sources.all().size() + " sources)");
    Path work = TempDirs.create("walkspec-conform");
    try {
      SourceCompiler.Result compiled =
          SourceCompiler.compileGroups(sources.shared(), sources.groups(), work, threads);
      if (!compiled.problems().isEmpty()) {
        throw new IllegalStateException("generated suites do not compile: " + compiled.problems());
      }
      phase("running", "running");
      List<SuiteLauncher.Job> jobs =
          cellOfSuite.entrySet().stream()
              .map(
                  e ->
                      SuiteLauncher.Job.only(
                          e.getKey(), e.getValue(), judgedInSuite.get(e.getKey())))
              .toList();
      SuiteLauncher.Run run = SuiteLauncher.run(compiled.classes(), jobs, progress, threads);
      List<SuiteLauncher.TestOutcome> outcomes = run.outcomes();
      judge(toRun, suiteOfBinding, outcomes, run.readLockers())
          .forEach(
              (key, judgement) -> {
                readLockers.addAll(judgement.readLockers());
                byKey.put(key, judgement.outcome().map(Matrix::fromCache));
                ranMillis.put(key, judgement.millis());
                // A cut-short exploration depends on the machine's speed, not on the inputs.
                if (!judgement
                    .outcome()
                    .map(f -> f.obligation().equals(InconclusiveExploration.VERDICT))
                    .orElse(false)) {
                  cache.ifPresent(c -> c.putJudgement(cacheKeys.get(key), judgement));
                }
              });
      return new MatrixResult(
          specs.stream().map(NamedSpec::name).toList(),
          sets,
          cells(needs, byKey, new Times(ranMillis, cachedMillis)),
          suiteOfBinding.size(),
          outcomes.size(),
          run.schedules(),
          (System.nanoTime() - began) / 1_000_000,
          use,
          readLockers,
          phase(null, null));
    } finally {
      // The suites' class loader is closed by now.
      TempDirs.delete(work);
    }
  }

  /**
   * Ends the phase under way (its time goes into the result) and begins {@code name}, shown as
   * {@code shown}; with null, only ends it. The phases so far.
   */
  private List<MatrixResult.Phase> phase(String name, String shown) {
    long now = System.nanoTime();
    if (phase != null) {
      phases.add(new MatrixResult.Phase(phase, (now - phaseBegan) / 1_000_000));
    }
    phase = name;
    phaseBegan = now;
    if (shown != null) {
      progress.phase(shown);
    }
    return List.copyOf(phases);
  }

  /**
   * Keeps the shard's judgements: suites (one per spec, set and binding) are dealt round-robin in
   * the order of their first judgement, so a suite's judgements all go to the same shard.
   */
  private static void keepOwn(Shard shard, Map<String, Need> representatives) {
    Map<String, Integer> position = new HashMap<>();
    representatives.values().forEach(rep -> position.putIfAbsent(suiteId(rep), position.size()));
    representatives.values().removeIf(rep -> !shard.owns(position.get(suiteId(rep))));
  }

  private static String suiteId(Need rep) {
    return rep.spec() + "|" + rep.set() + "|" + rep.binding().displayName();
  }

  /** Every judgement the matrix needs, in column-then-row order. */
  private List<Need> needs() {
    List<Need> needs = new ArrayList<>();
    for (NamedSpec spec : specs) {
      WalkerSignatures signatures = new WalkerSignatures(spec.checked());
      for (HandlerSet set : sets) {
        for (Binding binding : spec.checked().bindings()) {
          if (!set.profiles().contains(binding.profile().name())) {
            continue;
          }
          Optional<String> kind = binding.handlerKind();
          if (kind.isEmpty() || !set.handlers().containsKey(kind.get())) {
            continue;
          }
          String handler =
              String.join(
                  "|",
                  set.handlers().get(kind.get()),
                  set.writer().orElse("-"),
                  binding.profile().name(),
                  kind.get(),
                  ObligationChanges.context(binding));
          boolean explored = false;
          for (Obligation o : Obligations.applying(spec.checked(), binding, kind.get())) {
            String id = o.id().text();
            if (Judges.judgedBy(id, Judges.By.ONE_CALL)) {
              needs.add(
                  new Need(set.name(), spec.name(), binding, kind.get(), id, handler + "|" + id));
            }
            explored |= Judges.judgedBy(id, Judges.By.EXPLORED);
          }
          if (explored) {
            String key =
                handler
                    + "|explored|"
                    + signatures.of(binding, kind.get())
                    + SpecGmemFilter.explorationKey(spec.checked(), binding.profile(), kind.get());
            needs.add(new Need(set.name(), spec.name(), binding, kind.get(), EXPLORE, key));
          }
        }
      }
    }
    return needs;
  }

  /**
   * The representative's handler suite and the generated walkers it drives, which are in the spec's
   * shared package; the suite reads its spec's shared image ({@link #specImage}) there.
   */
  private List<GeneratedFile> suite(Need rep, int index) {
    NamedSpec spec = spec(rep.spec());
    HandlerSet set = set(rep.set());
    return ExploredSuites.sources(
        spec.checked(),
        spec.file().toAbsolutePath().toString(),
        rep.binding(),
        rep.kind(),
        new ExploredSuites.Handlers(set.handlers(), set.writer(), set.profiles()),
        "dev.walkspec.matrix.r" + index,
        tries,
        SEED,
        Optional.of(sharedPackage(rep.spec())));
  }

  /** The image of spec {@code name} that all its suites read. */
  private GeneratedFile specImage(String name) {
    NamedSpec spec = spec(name);
    return ExploredSuites.specImage(
        spec.checked(), spec.file().toAbsolutePath().toString(), sharedPackage(name));
  }

  /**
   * A package per spec (by its place among the run's specs: spec names may repeat) for what all its
   * suites share: the image and the walkers.
   */
  private String sharedPackage(String spec) {
    List<String> names = specs.stream().map(NamedSpec::name).toList();
    return "dev.walkspec.matrix.shared.s" + names.indexOf(spec);
  }

  private static String className(GeneratedFile file) {
    return file.relativePath().replace('/', '.').replaceAll("\\.java$", "");
  }

  /**
   * The cache key of each representative judgement (empty without a cache): the handler classes it
   * runs, the spec whose suite runs it, and the run's tries, seed and exploration budget.
   */
  private Map<String, String> cacheKeys(Collection<Need> representatives) {
    if (cache.isEmpty()) {
      return Map.of();
    }
    phase("hashing", "hashing the inputs of " + representatives.size() + " judgements");
    CacheKeys keys = walkspecKeys();
    String run = tries + "|" + SEED + "|" + ExplorationBudget.current().describe();
    // The spec's content decides the verdict; its name and how the reproduce command names it
    // appear in the report, so they are inputs too. Once per spec, not per judgement.
    Map<String, String> specInputs = new HashMap<>();
    for (NamedSpec named : specs) {
      specInputs.put(
          named.name(),
          named.checked().spec().contentHash() + "|" + named.name() + "|" + identity(named.file()));
    }
    Map<String, String> byKey = new HashMap<>();
    for (Need rep : representatives) {
      byKey.put(
          rep.key(),
          keys.judgement(rep.key(), specInputs.get(rep.spec()), handlerClasses(rep), run));
    }
    return byKey;
  }

  /** The handler class of a judgement, and the writer's when its set has one. */
  private List<String> handlerClasses(Need rep) {
    HandlerSet set = set(rep.set());
    List<String> classes = new ArrayList<>();
    classes.add(set.handlers().get(rep.kind()));
    set.writer().ifPresent(classes::add);
    return classes;
  }

  /** Cache keys with walkspec's code as loaded now: the runtime, the generator, conform. */
  static CacheKeys walkspecKeys() {
    return CacheKeys.forClassLoader(
        Thread.currentThread().getContextClassLoader(),
        List.of(World.class, HandlerSuite.class, Matrix.class));
  }

  private static MatrixCell.Failure fromCache(ResultCache.Failure f) {
    return new MatrixCell.Failure(
        f.obligation(), f.binding(), f.testName(), f.report(), f.reproduce(), f.steps());
  }

  /** The cells ("set on spec") with a judgement among {@code rerun}. */
  private static List<String> rerunCells(List<Need> needs, Set<String> rerun) {
    Set<String> cells = new LinkedHashSet<>();
    needs.stream()
        .filter(n -> rerun.contains(n.key()))
        .forEach(n -> cells.add(n.set() + " on " + n.spec()));
    return List.copyOf(cells);
  }

  private HandlerSet set(String name) {
    return sets.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private NamedSpec spec(String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** The judgement of each representative: its failure (none when it passed), its tests. */
  private Map<String, ResultCache.Judgement> judge(
      Map<String, Need> representatives,
      Map<String, String> suiteOfBinding,
      List<SuiteLauncher.TestOutcome> outcomes,
      Set<String> tookReadLock) {
    Map<String, ResultCache.Judgement> byKey = new HashMap<>();
    for (Need rep : representatives.values()) {
      String className = suiteOfBinding.get(suiteId(rep));
      List<SuiteLauncher.TestOutcome> mine =
          outcomes.stream()
              .filter(o -> o.className().equals(className))
              .filter(o -> SuiteTests.judges(o.displayName(), rep.obligation()))
              .toList();
      if (mine.isEmpty()) {
        throw new IllegalStateException("no test ran for " + rep.obligation() + " in " + className);
      }
      byKey.put(
          rep.key(),
          new ResultCache.Judgement(
              mine.stream()
                  .filter(o -> o.failure().isPresent())
                  .findFirst()
                  .map(o -> failure(rep, o, o.failure().get()))
                  .map(
                      f ->
                          new ResultCache.Failure(
                              f.obligation(),
                              f.binding(),
                              f.testName(),
                              f.report(),
                              f.reproduce(),
                              f.steps()))
                  .orElse(null),
              mine.size(),
              handlerClasses(rep).stream().filter(tookReadLock::contains).toList(),
              mine.stream().mapToLong(SuiteLauncher.TestOutcome::millis).sum()));
    }
    outcomes.stream()
        .filter(o -> o.method().equals(SuiteTests.DRIFT_LOCK) && o.failure().isPresent())
        .findFirst()
        .ifPresent(
            o -> {
              throw new IllegalStateException(
                  "a suite lost its spec: " + o.failure().get().message());
            });
    return byKey;
  }

  /**
   * The obligation a failure found broken (a value it carries), else the one the test was about.
   */
  private MatrixCell.Failure failure(
      Need rep, SuiteLauncher.TestOutcome outcome, SuiteLauncher.Failure failure) {
    String message = failure.message();
    String obligation = failure.obligation().orElse(rep.obligation());
    Optional<String> replay = field(message, "replay:");
    // The suite's own replay command names the spec by the absolute path it was generated from;
    // the matrix names it the way a checkout does (reproduce, below) and keeps reports the same
    // across specs, so that identical counterexamples are shown once.
    String report =
        message
            .lines()
            .filter(l -> !l.startsWith(HandlerSuite.REPRODUCE + "walkspec "))
            .collect(Collectors.joining("\n"));
    return new MatrixCell.Failure(
        obligation,
        rep.binding().displayName(),
        outcome.displayName(),
        report,
        reproduce(rep, outcome, replay),
        failure.steps());
  }

  /**
   * The command that reproduces a failure on a checkout: an explored counterexample replays with
   * {@code walkspec replay} on the same suite; a one-call property runs again (with the matrix's
   * fixed seed, so on the same states) in a narrowed {@code walkspec conform} that keeps the
   * generated suites, the failing property among them (C1-C4, H1-H14 as the spec states them).
   */
  private String reproduce(Need rep, SuiteLauncher.TestOutcome outcome, Optional<String> replay) {
    String specArgument = Shell.quote(specArgument(spec(rep.spec()).file()));
    if (replay.isPresent()) {
      return "walkspec replay --spec "
          + specArgument
          + " --handlers "
          + Shell.quote(rep.set())
          + " --binding "
          + Shell.quote(rep.binding().displayName())
          + " "
          + Shell.quote(replay.get());
    }
    String simpleName = outcome.className().substring(outcome.className().lastIndexOf('.') + 1);
    return "walkspec conform --handlers "
        + Shell.quote(rep.set())
        + " --keep-suites target/walkspec-suites "
        + specArgument
        + "   # then the property "
        + simpleName
        + "#"
        + outcome.method()
        + " (seed "
        + SEED
        + ") is in target/walkspec-suites";
  }

  /**
   * How a spec is named in a cache key: a bundled spec by its file name, as the reproduce command
   * names it (its file is extracted to a new temporary directory by each JVM that runs from the
   * jar, so its path differs on every run), another by its absolute path.
   */
  static String identity(Path file) {
    String argument = specArgument(file);
    return argument.equals(file.toString()) ? file.toAbsolutePath().toString() : argument;
  }

  /** A bundled spec by its file name (conform and replay take it so), another as given. */
  static String specArgument(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    boolean bundled =
        BundledSpecs.files().stream()
            .anyMatch(f -> f.toAbsolutePath().normalize().equals(absolute));
    return bundled ? file.getFileName().toString() : file.toString();
  }

  /** The value of the first line of a failure report that starts with {@code name}. */
  public static Optional<String> field(String report, String name) {
    return report
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith(name))
        .map(l -> l.substring(name.length()).strip())
        .findFirst();
  }

  /** The time of each judgement's tests: those run now, and the cached ones when they ran. */
  private record Times(Map<String, Long> ran, Map<String, Long> cached) {}

  private Map<String, MatrixCell> cells(
      List<Need> needs, Map<String, Optional<MatrixCell.Failure>> byKey, Times times) {
    // How many cells need each judgement: one that more than one needs is shared (run once).
    Map<String, Set<String>> cellsOfKey = new HashMap<>();
    needs.forEach(
        n ->
            cellsOfKey
                .computeIfAbsent(n.key(), k -> new HashSet<>())
                .add(MatrixResult.key(n.set(), n.spec())));
    Map<String, Integer> sharing = new HashMap<>();
    cellsOfKey.forEach((key, cellSet) -> sharing.put(key, cellSet.size()));
    Map<String, MatrixCell> cells = new LinkedHashMap<>();
    for (NamedSpec spec : specs) {
      for (HandlerSet set : sets) {
        TreeSet<String> failed = new TreeSet<>(Comparator.comparingInt(Matrix::number));
        Map<String, MatrixCell.Failure> failures = new LinkedHashMap<>();
        int checked = 0;
        CellTimes time = new CellTimes(times.ran(), times.cached(), sharing);
        for (Need need : needs) {
          // A shard's run has only its own judgements.
          if (need.set().equals(set.name())
              && need.spec().equals(spec.name())
              && byKey.containsKey(need.key())) {
            checked++;
            time.add(need.key());
            byKey
                .get(need.key())
                .ifPresent(
                    f -> {
                      failed.add(f.obligation());
                      // Show the counterexample, not another property's pointer to it.
                      MatrixCell.Failure shown = failures.get(f.obligation());
                      if (shown == null
                          || (ConformanceFailure.pointsElsewhere(shown.report())
                              && !ConformanceFailure.pointsElsewhere(f.report()))) {
                        failures.put(f.obligation(), f);
                      }
                    });
          }
        }
        cells.put(
            MatrixResult.key(set.name(), spec.name()),
            new MatrixCell(set.name(), spec.name(), failed, failures, checked, time.time()));
      }
    }
    return cells;
  }

  /** The number of an obligation id, for ordering (H2 before H10); others last. */
  public static int number(String obligation) {
    String digits = obligation.replaceAll("\\D", "");
    return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }
}
