package dev.walkspec.conform;

import dev.walkspec.cli.CommonOptions;
import dev.walkspec.cli.Suggestions;
import dev.walkspec.cli.UsageException;
import dev.walkspec.conform.cache.ResultCache;
import dev.walkspec.conform.report.ReportBuilder;
import dev.walkspec.conform.report.ReportFiles;
import dev.walkspec.conform.report.ReportJson;
import dev.walkspec.conform.report.ReportView;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.suite.ExplorationBudget;
import dev.walkspec.suite.ExplorationCache;
import dev.walkspec.suite.ExplorationShard;
import dev.walkspec.suite.Shell;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code walkspec conform}: every spec against every handler set, as a matrix. */
@Command(
    name = "conform",
    mixinStandardHelpOptions = true,
    description = "Run the conformance matrix: specs (columns) against handler sets (rows).",
    footer = {
      "",
      "Example:",
      "  walkspec conform                 # every bundled spec against every bundled handler",
      "  walkspec conform --handlers x86,arm64 spec/src/main/walkspec/kvm.walk",
      "  walkspec conform --format json -o /tmp/report > matrix.json",
      "  walkspec conform --handlers riscv --keep-suites target/walkspec-suites kvm.walk",
      "",
      "Handler sets: the arch handlers x86, arm64, riscv, loongarch and the known-bad variants"
          + " such as TdpAgePlainStore (see conformance-tests/README.md).",
      "",
      "Exit codes: 0 every outcome is as expected-outcomes.tsv says, 1 otherwise, 2 usage."
    })
public final class ConformCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "SPEC",
      description =
          "Specs: files, or bundled specs by name (kvm.walk); default: every bundled spec.")
  List<Path> specs = new ArrayList<>();

  @Option(
      names = "--handlers",
      split = ",",
      paramLabel = "SET",
      description = "Handler sets (default: all).")
  List<String> handlers = new ArrayList<>();

  static final int DEFAULT_TRIES = 40;

  @Option(
      names = "--tries",
      defaultValue = "" + DEFAULT_TRIES,
      description = "Tries per property (default: ${DEFAULT-VALUE}).")
  int tries;

  @Option(names = "--details", description = "Print the report of every failure under the matrix.")
  boolean details;

  @Option(
      names = {"-o", "--report"},
      paramLabel = "DIR",
      defaultValue = "target/walkspec-report",
      description = "Where report.html, junit.xml and summary.md go (default: ${DEFAULT-VALUE}).")
  Path reportDir;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      defaultValue = "target/walkspec-cache",
      description =
          "Where results are kept by a hash of every input that decides them (handler classes and"
              + " what they reference, specs, walkspec's code, tries, seed, budget); a rerun reuses"
              + " the unchanged ones (default: ${DEFAULT-VALUE}).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Run everything; neither read nor write the cache.")
  boolean noCache;

  @Option(
      names = "--keep-suites",
      paramLabel = "DIR",
      description =
          "Also write the generated handler suites and walkers (Java sources) to DIR, so that a"
              + " failing property can be read and run again (every judgement runs then).")
  Path keepSuites;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Run the suites on N workers at once, threads of this JVM (default: one per core, here"
              + " ${DEFAULT-VALUE}); 1 runs them all on one. The outcomes are the same for any N.")
  int threads = Matrix.defaultThreads();

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description =
          "Run only shard K of N of the matrix's suites (the same partition on every machine) and"
              + " keep their results in the --cache directory, for a later --merge; writes no"
              + " report. Shard 1 also runs the spec mutants.")
  String shard;

  @Option(
      names = "--merge",
      paramLabel = "DIR",
      arity = "1..*",
      description =
          "Make the report from the results of every shard (their --cache directories): the"
              + " verdicts and report of one whole run. Runs no suite; a judgement in none of the"
              + " directories is an error.")
  List<Path> merge = new ArrayList<>();

  @Option(
      names = "--no-mutants",
      description =
          "Skip the spec mutants of the canonical spec (the report's rule coverage then shows"
              + " none).")
  boolean noMutants;

  @Mixin CommonOptions common;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    // The matrix is one document (cells, counts, differences), not a stream of lines.
    common.format("conform", CommonOptions.Format.text, CommonOptions.Format.json);
    if (threads < 1) {
      throw new picocli.CommandLine.ParameterException(
          command.commandLine(), "--threads must be at least 1, not " + threads);
    }
    List<HandlerSet> sets =
        handlers.isEmpty()
            ? HandlerSets.bundled()
            : handlers.stream()
                .map(n -> HandlerSets.named(n).orElseThrow(() -> unknownSet(n)))
                .toList();
    Progress progress = Progress.of(System.console() != null, command.commandLine().getErr());
    // Ctrl-C: the status line still ends with a newline (TempDirs removes the directories).
    Thread endProgress = new Thread(progress::end, "walkspec-progress");
    Runtime.getRuntime().addShutdownHook(endProgress);
    List<Matrix.NamedSpec> named;
    MatrixResult result;
    Optional<CanonicalMutants> mutants;
    long mutantsMillis;
    Optional<Shard> shardRun = Optional.ofNullable(shard).map(Shard::parse);
    checkShardOptions(shardRun);
    Optional<ResultCache> cache =
        noCache ? Optional.empty() : Optional.of(ResultCache.at(cacheDir).readingAlso(merge));
    try {
      named = BundledRun.specs(specs);
      result =
          Matrix.run(
              named,
              sets,
              progress,
              new Matrix.Options(
                  tries,
                  cache,
                  Optional.ofNullable(keepSuites),
                  threads,
                  shardRun,
                  !merge.isEmpty()));
      // For the report's rule coverage: which rule a spec mutant of the canonical spec falsifies.
      long mutantsBegan = System.nanoTime();
      mutants =
          noMutants || !shardRun.map(Shard::isFirst).orElse(true)
              ? Optional.empty()
              : CanonicalMutants.runIfPresent(named, cache, progress, !merge.isEmpty());
      mutantsMillis = (System.nanoTime() - mutantsBegan) / 1_000_000;
    } finally {
      progress.end();
      removeHook(endProgress);
    }
    if (shardRun.isPresent()) {
      out.println(shardLine(shardRun.get(), result));
      return 0;
    }
    Set<String> readLockers = result.readLockers();
    // Only the bundled spec files have reviewed outcomes, never a user's spec of the same name.
    ExpectedOutcomes expected = ExpectedOutcomes.bundled().forRun(named);
    // Which kernel findings a range from mm reaches, judged on the canonical spec if it ran.
    long reachBegan = System.nanoTime();
    Map<String, String> reachText =
        named.stream()
            .filter(s -> s.name().equals(BundledSpecs.CANONICAL.replace(".walk", "")))
            .findFirst()
            .map(canonical -> Reachability.texts(result, canonical, cache))
            .orElse(Map.of());
    long reachMillis = (System.nanoTime() - reachBegan) / 1_000_000;
    ReportView view = ReportBuilder.build(result, expected, named, mutants, runInfo(), reachText);
    ReportFiles.write(reportDir, view, result);
    List<ExpectedOutcomes.Difference> differences = expected.differences(result);
    if (common.format() != CommonOptions.Format.text) {
      out.print(
          ReportJson.of(view, result, expected, reportDir.resolve(ReportFiles.HTML).toString()));
      return differences.isEmpty() ? 0 : 1;
    }
    out.print(MatrixTable.text(result));
    if (details) {
      for (MatrixCell cell : result.cells().values()) {
        for (MatrixCell.Failure f : cell.failuresInOrder()) {
          out.printf(
              "%n=== %s on %s: %s (%s, %s)%n%s%nreproduce: %s%n",
              cell.set(),
              cell.spec(),
              f.obligation(),
              f.binding(),
              f.testName(),
              f.report(),
              f.reproduce());
        }
      }
    }
    advisories(sets, readLockers).forEach(out::println);
    reachText.forEach((finding, text) -> out.println("kernel finding " + finding + ": " + text));
    out.printf(
        "%d generated suites, %d tests, %d schedules explored, %.1f s%n",
        result.suites(), result.tests(), result.schedules(), result.millis() / 1000.0);
    out.println(timeLine(result, mutantsMillis, reachMillis));
    slowestLine(view).ifPresent(out::println);
    (merge.isEmpty() ? cacheLine(result.cache()) : Optional.of(mergeLine(result.cache())))
        .ifPresent(out::println);
    out.println(
        "report: "
            + reportDir.resolve(ReportFiles.HTML)
            + " (and "
            + ReportFiles.JUNIT
            + ", "
            + ReportFiles.MARKDOWN
            + ")");
    if (differences.isEmpty()) {
      out.println("every outcome is as expected-outcomes.tsv says");
      return 0;
    }
    out.println("outcomes that differ from expected-outcomes.tsv:");
    for (ExpectedOutcomes.Difference d : differences) {
      out.println("  " + d.describe());
      // Each failure that was not expected, with the command that reproduces it.
      result
          .cell(d.set(), d.spec())
          .ifPresent(
              cell ->
                  cell.failuresInOrder().stream()
                      .filter(f -> !d.expected().contains(f.obligation()))
                      .forEach(
                          f ->
                              out.println(
                                  "    " + f.obligation() + ": reproduce: " + f.reproduce())));
    }
    return 1;
  }

  /** A shard writes into the cache what a merge reads: both need it, and they do not mix. */
  private void checkShardOptions(Optional<Shard> shardRun) {
    // The matrix's judgements are cached and merged as wholes: suites that explored only a part of
    // their scenarios under the build property would be judged on part of the work.
    refuseBuildProperty(
        ExplorationShard.PROPERTY,
        "splits a build's generated suites; walkspec conform splits its matrix with --shard K/N");
    // Its own cache keys judgements by their inputs; --no-cache must mean nothing is reused.
    refuseBuildProperty(
        ExplorationCache.PROPERTY,
        "keeps a build's explorations; walkspec conform keeps its results with --cache DIR");
    if (shardRun.isPresent() && !merge.isEmpty()) {
      throw new UsageException("--shard runs a part and --merge joins the parts: not both at once");
    }
    if (noCache && (shardRun.isPresent() || !merge.isEmpty())) {
      throw new UsageException(
          (shardRun.isPresent() ? "--shard keeps" : "--merge reads")
              + " results in cache directories; it cannot go with --no-cache");
    }
  }

  private static void refuseBuildProperty(String property, String what) {
    if (System.getProperty(property) != null) {
      throw new UsageException("the " + property + " property " + what);
    }
  }

  /**
   * What a shard did and what comes next: "shard 2/3: ran 830 suites for 1,710 judgements (0 reused
   * from the cache); results in target/walkspec-cache".
   */
  private String shardLine(Shard shardRun, MatrixResult result) {
    MatrixResult.CacheUse use = result.cache();
    return String.format(
        Locale.ROOT,
        "shard %s: ran %d suites for %,d judgements (%,d reused from the cache); results in %s%n"
            + "when every shard is done: walkspec conform --merge DIR... (each shard's --cache"
            + " directory) makes the report",
        shardRun,
        result.suites(),
        use.judgements(),
        use.reused(),
        cacheDir);
  }

  /** "merged 1,530 judgements (2,776 tests) from 3 directories". */
  private String mergeLine(MatrixResult.CacheUse use) {
    return String.format(
        Locale.ROOT,
        "merged %,d judgements (%,d tests) from %d directories",
        use.reused(),
        use.reusedTests(),
        merge.size());
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook runs, and end() is idempotent.
    }
  }

  private static final int SHOWN_CELLS = 8;

  /**
   * Where the time went: the matrix's phases, then the spec mutants and the reachability check
   * (issue 19: "time: planning 0.6 s, generating 6.1 s, ..., running 320.4 s on 2 workers").
   */
  private String timeLine(MatrixResult result, long mutantsMillis, long reachMillis) {
    List<String> parts = new ArrayList<>();
    for (MatrixResult.Phase p : result.phases()) {
      String where =
          !p.name().equals("running")
              ? ""
              : threads == 1 ? " in this JVM" : " on up to " + threads + " workers";
      parts.add(p.name() + " " + MatrixCell.Time.seconds(p.millis()) + where);
    }
    if (!noMutants) {
      parts.add("spec mutants " + MatrixCell.Time.seconds(mutantsMillis));
    }
    parts.add("reachability " + MatrixCell.Time.seconds(reachMillis));
    return "time: " + String.join(", ", parts);
  }

  /**
   * The cells that took longest (issue 18 item 3): "slowest cells: riscv on kvm 41.2 s, ...(shared
   * judgements count in each cell that needs them)"; none when every cell was cached.
   */
  static Optional<String> slowestLine(ReportView view) {
    List<ReportView.Slow> slowest = view.slowest(SLOWEST);
    if (slowest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "slowest cells: "
            + slowest.stream().map(s -> s.cell() + " " + s.time()).collect(Collectors.joining(", "))
            + " (a judgement shared by several cells counts in each)");
  }

  private static final int SLOWEST = 3;

  /**
   * What the cache gave: "cache target/walkspec-cache: reused 530 of 530 judgements (1,380 tests);
   * no cell ran again", or the cells that ran again (the first few), or that every cell ran.
   */
  private Optional<String> cacheLine(MatrixResult.CacheUse use) {
    if (!use.used()) {
      return Optional.empty();
    }
    List<String> cells = use.rerunCells();
    String reran =
        cells.isEmpty()
            ? "no cell ran again"
            : use.reused() == 0
                ? "every cell ran"
                : cells.size() <= SHOWN_CELLS
                    ? "ran again: " + String.join(", ", cells)
                    : "ran again: "
                        + String.join(", ", cells.subList(0, SHOWN_CELLS))
                        + " and "
                        + (cells.size() - SHOWN_CELLS)
                        + " more cells";
    return Optional.of(
        String.format(
            Locale.ROOT,
            "cache %s: reused %d of %d judgements (%,d tests); %s",
            cacheDir,
            use.reused(),
            use.judgements(),
            use.reusedTests(),
            reran));
  }

  /**
   * Advisory notes, apart from obligation failures: the sets with a handler that took the MMU lock
   * for read inside a lockless walk. H1 allows it (s390's age handlers do), but the walk skipped
   * the lock for nothing: such aging still waits for every zap.
   */
  static List<String> advisories(List<HandlerSet> sets, Set<String> readLockers) {
    List<String> lines = new ArrayList<>();
    for (HandlerSet set : sets) {
      for (Map.Entry<String, String> h : new TreeMap<>(set.handlers()).entrySet()) {
        if (readLockers.contains(h.getValue())) {
          lines.add(
              "  "
                  + set.name()
                  + ": "
                  + h.getKey()
                  + " handler "
                  + h.getValue()
                  + " takes the MMU lock for read inside the lockless walk (H1 allows it; the"
                  + " aging still waits for every zap)");
        }
      }
    }
    if (!lines.isEmpty()) {
      lines.add(0, "advisory notes (not obligation failures):");
    }
    return lines;
  }

  private static UsageException unknownSet(String name) {
    List<String> names = HandlerSets.bundled().stream().map(HandlerSet::name).toList();
    return new UsageException(
        "no handler set named '"
            + name
            + "'"
            + Suggestions.didYouMean(name, names)
            + " (there are: "
            + String.join(", ", names)
            + ")");
  }

  /** How this run was made, for the report's header (issue 18: run metadata). */
  private ReportView.RunInfo runInfo() {
    List<String> args = command.commandLine().getParseResult().originalArgs();
    return new ReportView.RunInfo(
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        System.getProperty("java.vendor") + " " + Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Matrix.SEED,
        tries,
        ExplorationBudget.current().describe(),
        "walkspec conform " + args.stream().map(Shell::quote).collect(Collectors.joining(" ")));
  }
}
