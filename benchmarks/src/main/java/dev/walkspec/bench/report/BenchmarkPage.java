package dev.walkspec.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.bench.report.JmhResults.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns the results of {@code benchmarks/run} (JMH JSON files and the explorer-against-Lincheck
 * JSON) into {@code docs/benchmarks.md}: one table per benchmark with medians, errors and the
 * side-by-side ratios, the headline ratios against their targets, and the plots.
 *
 * <p>Every comparison is between two measurements of the same run, as a ratio; absolute times are
 * context.
 */
public final class BenchmarkPage {
  /** Result files, by benchmark. */
  public static final String WALKER = "walker.json";

  /** The interpreter's walker benchmarks, run apart (fewer sizes in quick mode). */
  public static final String WALKER_INTERPRETER = "walker-interpreter.json";

  public static final String LOOKUP = "lookup.json";
  public static final String CONTENTION = "aging-contention.json";
  public static final String SCAN = "aging-scan.json";
  public static final String EXPLORER = "explorer-vs-lincheck.json";
  public static final String GENERATOR = "generator.json";

  private final Path results;
  private final Path page;
  private final Path plots;
  private final Machine machine;
  private final List<Headline> headlines = new ArrayList<>();
  private final StringBuilder body = new StringBuilder();

  /** Where the run happened. */
  public record Machine(
      int cores, String cpu, String jdk, String jmh, String mode, String elapsed, String load) {}

  /** One headline ratio and its target. */
  public record Headline(String benchmark, String what, String value, String target, String met) {}

  public BenchmarkPage(Path results, Path page, Machine machine) {
    this.results = results;
    this.page = page;
    this.plots = results.resolve("plots");
    this.machine = machine;
  }

  /** {@code --results DIR --page FILE [--mode M] [--elapsed TEXT] [--analysis FILE]} */
  public static void main(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    Path results = Path.of(options.getOrDefault("--results", "benchmarks/results"));
    Path page = Path.of(options.getOrDefault("--page", "docs/benchmarks.md"));
    Optional<Path> analysis = Optional.ofNullable(options.get("--analysis")).map(Path::of);
    BenchmarkPage report =
        new BenchmarkPage(
            results,
            page,
            machine(
                results,
                options.getOrDefault("--mode", "full"),
                options.get("--elapsed"),
                options.get("--load"),
                Optional.ofNullable(options.get("--cpu"))));
    String text = report.render(analysis);
    Files.createDirectories(page.toAbsolutePath().getParent());
    Files.writeString(page, text);
    System.out.println("wrote " + page + " and the plots in " + report.plots);
  }

  /**
   * The machine the results were measured on; {@code cpu} when the measuring run recorded it (a
   * page rebuilt later on another machine must not name that machine's CPU).
   */
  static Machine machine(
      Path results, String mode, String elapsed, String load, Optional<String> cpu)
      throws IOException {
    String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    String jmh = "?";
    Path walker = results.resolve(WALKER);
    if (Files.exists(walker)) {
      List<Run> runs = JmhResults.read(walker).runs();
      if (!runs.isEmpty()) {
        jdk = runs.get(0).vmName() + " " + runs.get(0).jdkVersion();
        jmh = runs.get(0).jmhVersion();
      }
    }
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        cpu.orElseGet(BenchmarkPage::cpuModel),
        jdk,
        jmh,
        mode,
        elapsed,
        load);
  }

  static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  /** The whole page. */
  public String render(Optional<Path> analysis) throws IOException {
    // Each render starts from nothing: a second call gives the same page, not the sections twice.
    headlines.clear();
    body.setLength(0);
    walker();
    lookup();
    contention();
    scan();
    explorer();
    generator();
    StringBuilder out = new StringBuilder();
    out.append("# Benchmarks\n\n");
    out.append(
        "Generated by `benchmarks/run` from the JMH results in `benchmarks/results/` (do not edit:"
            + " rerun). Every comparison is two measurements of the same run, reported as a ratio;"
            + " absolute times are context only and depend on the machine. Tables show the median"
            + " and, after ±, the half-width of the 99.9% confidence interval of the mean (JMH's"
            + " score error; \"n/a\" with a single sample). A ratio's error combines both relative"
            + " errors.\n\n");
    out.append("| machine | |\n|---|---|\n");
    out.append("| cores | ").append(machine.cores()).append(" |\n");
    out.append("| CPU | ").append(machine.cpu()).append(" |\n");
    out.append("| JDK | ").append(machine.jdk()).append(" |\n");
    out.append("| JMH | ").append(machine.jmh()).append(" |\n");
    out.append("| mode | `benchmarks/run")
        .append("quick".equals(machine.mode()) ? " --quick" : "")
        .append("` |\n");
    if (machine.elapsed() != null) {
      out.append("| run time | ").append(machine.elapsed()).append(" |\n");
    }
    if (machine.load() != null) {
      out.append("| load average (1, 5, 15 min) | ")
          .append(machine.load())
          .append(
              " (other work on the machine shares its cores with the benchmarks and adds noise)"
                  + " |\n");
    }
    out.append("\n## Headline ratios\n\n");
    out.append("| benchmark | ratio | measured | target | met |\n|---|---|---|---|---|\n");
    for (Headline h : headlines) {
      out.append("| ")
          .append(h.benchmark())
          .append(" | ")
          .append(h.what())
          .append(" | ")
          .append(h.value())
          .append(" | ")
          .append(h.target())
          .append(" | ")
          .append(h.met())
          .append(" |\n");
    }
    out.append('\n');
    out.append(body);
    if (analysis.isPresent() && Files.exists(analysis.get())) {
      out.append("\n").append(Files.readString(analysis.get()).strip()).append('\n');
    }
    return out.toString();
  }

  private Optional<JmhResults> jmh(String file) throws IOException {
    Path path = results.resolve(file);
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    return Optional.of(JmhResults.read(path));
  }

  private void missing(String title, String file) {
    body.append("## ").append(title).append("\n\nNot run (no `").append(file).append("`).\n\n");
  }

  private String plot(String name) {
    Path file = plots.resolve(name);
    Path base = page.toAbsolutePath().normalize().getParent();
    return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private static String yes(boolean met) {
    return met ? "yes" : "**no**";
  }

  // ---------------------------------------------------------------- 1

  void walker() throws IOException {
    String title = "1. Generated walkers against a hand-written walker and the interpreter";
    Optional<JmhResults> maybe = jmh(WALKER);
    if (maybe.isEmpty()) {
      missing(title, WALKER);
      return;
    }
    JmhResults r = maybe.get();
    Optional<JmhResults> interpreted = jmh(WALKER_INTERPRETER);
    if (interpreted.isPresent()) {
      r = r.plus(interpreted.get());
    }
    body.append("## ").append(title).append("\n\n");
    body.append(
        "One walk of the x86 walkers generated from `kvm.walk` by the Maven plugin"
            + " (`ClearYoungX86Walker`, `InvalidateRangeStartX86Walker`), of a hand-written Java"
            + " walker over the same runtime structures (one generic function driven by a range"
            + " descriptor, as the kernel writes it) and of the reference interpreter on the same"
            + " layout. Slots of 16 pages in address space 0; the range hits none (a gap), one (4"
            + " pages inside the middle slot) or all of them. Tracing off; trivial handlers"
            + " (return false, touch nothing) and a no-op on_lock, so what is measured is the walk."
            + " The interpreter resolves the scenario and records the trace on every run: that is"
            + " its interface. The rows run in rounds of one fork of every row (eight in the full"
            + " run, one in quick mode; `MergeForks` joins them): in each round the generated and"
            + " the hand-written walker of a row run one right after the other, each in its own"
            + " fork, so that changing load on a shared machine hits both alike, and a row's"
            + " figures are over the forks of all rounds. Times in ns per walk. *hand/gen* > 1"
            + " means the generated walker is faster.\n\n");
    List<Double> handRatios = new ArrayList<>();
    List<Double> interpRatios = new ArrayList<>();
    int slower = 0;
    int total = 0;
    for (String op : List.of("clearYoung", "invalidateRangeStart")) {
      body.append("### ")
          .append(op.equals("clearYoung") ? "clear_young (C4)" : "invalidate_range_start (C1)")
          .append("\n\n");
      body.append(
          "| slots | range hits | generated | hand-written | interpreter | hand/gen | interp/gen |\n"
              + "|---:|---|---:|---:|---:|---:|---:|\n");
      for (String slots : r.values("slots")) {
        for (String hit : r.values("hit")) {
          Map<String, String> params = Map.of("slots", slots, "hit", hit);
          Optional<Run> gen = r.find(op, Map.of("slots", slots, "hit", hit, "walker", "GENERATED"));
          Optional<Run> hand =
              r.find(op, Map.of("slots", slots, "hit", hit, "walker", "HAND_WRITTEN"));
          Optional<Run> interp = r.find(op + "Interpreter", params);
          if (gen.isEmpty()) {
            continue;
          }
          Estimate g = gen.get().primary();
          String handText = hand.map(h -> h.primary().text()).orElse("n/a");
          String interpText = interp.map(h -> h.primary().text()).orElse("n/a");
          String handRatio = "n/a";
          String interpRatio = "n/a";
          if (hand.isPresent()) {
            Estimate ratio = hand.get().primary().over(g);
            handRatios.add(ratio.median());
            handRatio = ratio.ratioText();
            total++;
            double upper = ratio.median() + (Double.isNaN(ratio.error()) ? 0 : ratio.error());
            if (upper < 1.0) {
              slower++;
            }
          }
          if (interp.isPresent()) {
            Estimate ratio = interp.get().primary().over(g);
            interpRatios.add(ratio.median());
            interpRatio = ratio.ratioText();
          }
          body.append("| ")
              .append(slots)
              .append(" | ")
              .append(hit.toLowerCase(Locale.ROOT))
              .append(" | ")
              .append(g.text())
              .append(" | ")
              .append(handText)
              .append(" | ")
              .append(interpText)
              .append(" | ")
              .append(handRatio)
              .append(" | ")
              .append(interpRatio)
              .append(" |\n");
        }
      }
      body.append('\n');
    }
    if (!handRatios.isEmpty()) {
      double geo = geomean(handRatios);
      double min = handRatios.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
      headlines.add(
          new Headline(
              "1 walker",
              "hand-written / generated time (geometric mean of " + handRatios.size() + ")",
              Estimate.number(geo)
                  + "x (min "
                  + Estimate.number(min)
                  + "x; significantly slower"
                  + " in "
                  + slower
                  + " of "
                  + total
                  + ")",
              ">= 1.0x",
              yes(geo >= 1.0 && slower == 0)));
      body.append("Generated against hand-written: geometric mean ")
          .append(Estimate.number(geo))
          .append("x, range ")
          .append(Estimate.number(min))
          .append("x to ")
          .append(Estimate.number(handRatios.stream().mapToDouble(d -> d).max().orElse(0)))
          .append("x; the generated walker is slower beyond the error in ")
          .append(slower)
          .append(" of ")
          .append(total)
          .append(" configurations.\n\n");
    }
    if (!interpRatios.isEmpty()) {
      double geo = geomean(interpRatios);
      double min = interpRatios.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
      headlines.add(
          new Headline(
              "1 walker",
              "interpreter / generated time (geometric mean of " + interpRatios.size() + ")",
              Estimate.number(geo) + "x (min " + Estimate.number(min) + "x)",
              ">= 10x",
              yes(min >= 10)));
    }
  }

  static double geomean(List<Double> values) {
    return Math.exp(values.stream().mapToDouble(Math::log).average().orElse(Double.NaN));
  }

  // ---------------------------------------------------------------- 2

  void lookup() throws IOException {
    String title = "2. Memslot lookup: interval tree against a linear scan";
    Optional<JmhResults> maybe = jmh(LOOKUP);
    if (maybe.isEmpty()) {
      missing(title, LOOKUP);
      return;
    }
    JmhResults r = maybe.get();
    body.append("## ").append(title).append("\n\n");
    body.append(
        "The slot selection of one walk (the slots meeting a one-page range, W4) among n slots:"
            + " the runtime's interval index (`MemSlotSet.overlapping`, then the cursor) against a"
            + " scan of every slot, as the walk did before the interval tree. Each call queries the"
            + " next of 1024 pseudo-random addresses inside slots. Times in ns per selection.\n\n");
    body.append("| slots | interval tree | linear scan | linear/tree |\n|---:|---:|---:|---:|\n");
    Map<String, List<Charts.Point>> series = Charts.series();
    List<Charts.Point> tree = new ArrayList<>();
    List<Charts.Point> linear = new ArrayList<>();
    Map<Integer, Estimate> treeBy = new LinkedHashMap<>();
    Map<Integer, Estimate> linearBy = new LinkedHashMap<>();
    for (String slots : r.values("slots")) {
      Optional<Run> t = r.find("intervalTree", Map.of("slots", slots));
      Optional<Run> l = r.find("linearScan", Map.of("slots", slots));
      int n = Integer.parseInt(slots);
      t.ifPresent(run -> treeBy.put(n, run.primary()));
      l.ifPresent(run -> linearBy.put(n, run.primary()));
      t.ifPresent(run -> tree.add(new Charts.Point(n, run.primary())));
      l.ifPresent(run -> linear.add(new Charts.Point(n, run.primary())));
      body.append("| ")
          .append(slots)
          .append(" | ")
          .append(t.map(x -> x.primary().text()).orElse("n/a"))
          .append(" | ")
          .append(l.map(x -> x.primary().text()).orElse("n/a"))
          .append(" | ")
          .append(
              t.isPresent() && l.isPresent()
                  ? l.get().primary().over(t.get().primary()).ratioText()
                  : "n/a")
          .append(" |\n");
    }
    series.put("interval tree", tree);
    series.put("linear scan", linear);
    Charts.write(
        plots.resolve("lookup-cost.png"),
        "Slot selection cost against slots",
        "slots",
        "ns per selection",
        series,
        true,
        true);
    body.append("\n![slot selection cost against slots](")
        .append(plot("lookup-cost.png"))
        .append(")\n\n");
    if (treeBy.containsKey(512) && treeBy.containsKey(8)) {
      Estimate growth = treeBy.get(512).over(treeBy.get(8));
      double logBound = Math.log(512) / Math.log(8);
      String linearGrowth =
          linearBy.containsKey(512) && linearBy.containsKey(8)
              ? linearBy.get(512).over(linearBy.get(8)).ratioText()
              : "n/a";
      body.append("Cost at 512 slots over cost at 8: interval tree ")
          .append(growth.ratioText())
          .append(" (logarithmic growth allows log 512 / log 8 = ")
          .append(Estimate.number(logBound))
          .append("x, linear growth would be 64x); linear scan ")
          .append(linearGrowth)
          .append(".\n\n");
      headlines.add(
          new Headline(
              "2 lookup",
              "interval tree cost, 512 slots / 8 slots",
              growth.ratioText() + " (linear scan " + linearGrowth + ")",
              "logarithmic: <= " + Estimate.number(logBound) + "x",
              yes(growth.median() <= logBound)));
    }
  }

  // ---------------------------------------------------------------- 3

  /** Per-iteration figures of one kind of round (none, locked, lockless) of benchmark 3. */
  record Kind(double[] roundMillis, double[] accessesPerSecond, double[] passMillis) {
    static Kind of(Run run, String kind) {
      double[] rounds = run.secondary(kind + "Rounds");
      double[] accesses = run.secondary(kind + "Accesses");
      double[] vcpuNanos = run.secondary(kind + "VcpuNanos");
      boolean aging = !kind.equals("none");
      double[] passes = aging ? run.secondary(kind + "Passes") : new double[rounds.length];
      double[] passNanos = aging ? run.secondary(kind + "PassNanos") : new double[rounds.length];
      int n = rounds.length;
      double[] round = new double[n];
      double[] throughput = new double[n];
      double[] pass = new double[n];
      for (int i = 0; i < n; i++) {
        round[i] = rounds[i] > 0 ? vcpuNanos[i] / rounds[i] / 1e6 : Double.NaN;
        throughput[i] = vcpuNanos[i] > 0 ? accesses[i] / (vcpuNanos[i] / 1e9) : Double.NaN;
        pass[i] = passes[i] > 0 ? passNanos[i] / passes[i] / 1e6 : Double.NaN;
      }
      return new Kind(round, throughput, pass);
    }
  }

  /** The estimate of the finite values. */
  static Estimate finite(double[] values) {
    return Estimate.of(Arrays.stream(values).filter(Double::isFinite).toArray());
  }

  /** Per iteration a[i] - b[i]. */
  static Estimate pairedDifference(double[] a, double[] b) {
    double[] difference = new double[Math.min(a.length, b.length)];
    for (int i = 0; i < difference.length; i++) {
      difference[i] = a[i] - b[i];
    }
    return finite(difference);
  }

  /**
   * "yes" when the estimate is above {@code threshold} beyond its error, "**no**" when below it
   * beyond its error, "within the error" otherwise.
   */
  static String verdict(Estimate e, double threshold) {
    double error = Double.isNaN(e.error()) ? 0 : e.error();
    if (e.median() - error > threshold) {
      return "yes";
    }
    if (e.median() + error < threshold) {
      return "**no**";
    }
    return "within the error";
  }

  /** Per iteration a[i] / b[i]: the kinds took turns in the same iterations, so they pair. */
  static Estimate pairedRatio(double[] a, double[] b) {
    double[] ratio = new double[Math.min(a.length, b.length)];
    for (int i = 0; i < ratio.length; i++) {
      ratio[i] = a[i] / b[i];
    }
    return finite(ratio);
  }

  void contention() throws IOException {
    String title = "3. The seed's experiment in the model: aging while vCPUs fault";
    Optional<JmhResults> maybe = jmh(CONTENTION);
    if (maybe.isEmpty()) {
      missing(title, CONTENTION);
      return;
    }
    JmhResults r = maybe.get();
    Run any = r.runs().get(0);
    body.append("## ").append(title).append("\n\n");
    body.append("After the kernel's `access_tracking_perf_test -p`: vCPU threads fault in their")
        .append(" part of ")
        .append(Integer.parseInt(any.param("pages")) / 256)
        .append(" MiB of guest memory (")
        .append(any.param("pages"))
        .append(" 4 KiB pages, write accesses; a fault takes the MMU lock for read, as on x86) and")
        .append(" touch it ")
        .append(any.param("touches"))
        .append(" more times, while one aging thread runs clear_young passes over all of it, ")
        .append(any.param("chunkPages"))
        .append(" pages per call, through the x86 TDP or shadow MMU age handler, in production")
        .append(" mode on real threads. *locked* is the walker generated from V4")
        .append(" (`v4-v6.14-locked-aging.walk`: aging takes the MMU lock for write), *lockless*")
        .append(" the one generated from `kvm.walk`; *none* runs no aging. One JMH invocation is")
        .append(" one round on a fresh world, and the three kinds of round take turns in the same")
        .append(" fork, so each iteration measures all three side by side; the ratios are taken")
        .append(" per iteration (paired), then summarised. This machine has ")
        .append(machine.cores())
        .append(" cores, so 1, 2 and 4 vCPU threads (plus the aging thread) already oversubscribe")
        .append(" it: the direction of the effect matters here, not its size. The kernel's own")
        .append(" figures (reference, section 7): passes 3.5x to 17x shorter at 8 to 112 vCPUs,")
        .append(" about 30x with the shadow MMU at 64, and the vCPU slowdown from concurrent aging")
        .append(" gone.\n\n");
    Map<String, List<Charts.Point>> passSeries = Charts.series();
    Map<String, List<Charts.Point>> throughputSeries = Charts.series();
    for (String mmu : r.values("mmu")) {
      body.append("### ").append(mmu.equals("TDP") ? "TDP MMU" : "Shadow MMU").append("\n\n");
      body.append(
          "| vCPUs | aging | vCPU round time (ms) | vCPU accesses/s | aging pass (ms) |"
              + " pass locked/lockless | vCPU throughput lost to aging |\n"
              + "|---:|---|---:|---:|---:|---:|---:|\n");
      for (String vcpus : r.values("vcpus")) {
        Optional<Run> run = r.find("round", Map.of("mmu", mmu, "vcpus", vcpus));
        if (run.isEmpty()) {
          continue;
        }
        int n = Integer.parseInt(vcpus);
        Kind none = Kind.of(run.get(), "none");
        Kind locked = Kind.of(run.get(), "locked");
        Kind lockless = Kind.of(run.get(), "lockless");
        Estimate passRatio = pairedRatio(locked.passMillis(), lockless.passMillis());
        Estimate lockedKept = pairedRatio(locked.accessesPerSecond(), none.accessesPerSecond());
        Estimate locklessKept = pairedRatio(lockless.accessesPerSecond(), none.accessesPerSecond());
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("none", none);
        kinds.put("locked", locked);
        kinds.put("lockless", lockless);
        for (Map.Entry<String, Kind> e : kinds.entrySet()) {
          String aging = e.getKey();
          Kind k = e.getValue();
          Estimate kept = aging.equals("locked") ? lockedKept : locklessKept;
          body.append("| ")
              .append(vcpus)
              .append(" | ")
              .append(aging)
              .append(" | ")
              .append(finite(k.roundMillis()).text())
              .append(" | ")
              .append(finite(k.accessesPerSecond()).text())
              .append(" | ")
              .append(aging.equals("none") ? "" : finite(k.passMillis()).text())
              .append(" | ")
              .append(aging.equals("lockless") ? passRatio.ratioText() : "")
              .append(" | ")
              .append(
                  aging.equals("none")
                      ? ""
                      : percent(1 - kept.median()) + " ± " + percent(kept.error()))
              .append(" |\n");
          if (!aging.equals("none")) {
            passSeries
                .computeIfAbsent(mmu + " " + aging, x -> new ArrayList<>())
                .add(new Charts.Point(n, finite(k.passMillis())));
          }
          throughputSeries
              .computeIfAbsent(
                  mmu + " " + (aging.equals("none") ? "no aging" : aging), x -> new ArrayList<>())
              .add(new Charts.Point(n, finite(k.accessesPerSecond()).times(1e-6)));
        }
        Estimate keptGain =
            pairedDifference(lockless.accessesPerSecond(), locked.accessesPerSecond())
                .times(1.0 / finite(none.accessesPerSecond()).median());
        headlines.add(
            new Headline(
                "3 aging, " + mmu + ", " + vcpus + " vCPU" + (n == 1 ? "" : "s"),
                "pass time locked / lockless; vCPU throughput lost (locked, lockless)",
                passRatio.ratioText()
                    + "; "
                    + percent(1 - lockedKept.median())
                    + ", "
                    + percent(1 - locklessKept.median()),
                "direction: lockless passes shorter, less vCPU loss lockless",
                "passes: " + verdict(passRatio, 1) + "; vCPUs: " + verdict(keptGain, 0)));
      }
      body.append('\n');
    }
    Charts.write(
        plots.resolve("aging-pass-time.png"),
        "Aging pass time against vCPU threads",
        "vCPU threads",
        "ms per aging pass",
        passSeries,
        false,
        false);
    Charts.write(
        plots.resolve("aging-vcpu-throughput.png"),
        "vCPU throughput against vCPU threads",
        "vCPU threads",
        "million vCPU accesses per second",
        throughputSeries,
        false,
        false);
    body.append("![aging pass time against vCPU threads](")
        .append(plot("aging-pass-time.png"))
        .append(")\n\n![vCPU throughput against vCPU threads](")
        .append(plot("aging-vcpu-throughput.png"))
        .append(")\n\n");
  }

  static String percent(double fraction) {
    if (Double.isNaN(fraction)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  // ---------------------------------------------------------------- 4

  void scan() throws IOException {
    String title = "4. Aging scan against the memory bound";
    Optional<JmhResults> maybe = jmh(SCAN);
    if (maybe.isEmpty()) {
      missing(title, SCAN);
      return;
    }
    JmhResults r = maybe.get();
    body.append("## ").append(title).append("\n\n");
    Optional<Run> tdp = r.find("tdpAgeHandler", Map.of());
    Optional<Run> array = r.find("longArrayScan", Map.of());
    Optional<Run> atomic = r.find("longArrayAtomicScan", Map.of());
    if (tdp.isEmpty() || array.isEmpty()) {
      body.append("Incomplete results.\n\n");
      return;
    }
    double entries = Double.parseDouble(tdp.get().param("entries"));
    body.append("One aging pass over ")
        .append(String.format(Locale.ROOT, "%,.0f", entries))
        .append(
            " young 4 KiB leaf entries on one thread: the x86 TDP age handler (lockless, RCU,"
                + " atomic fetch-and per young entry, through the runtime's table walk) against a"
                + " plain sequential scan of a `long[]` of the same length clearing the same bit"
                + " (the practical limit), and the same scan with an atomic fetch-and per entry"
                + " (what H4 asks of a lockless handler). Every entry is made young again before"
                + " each pass, outside the timing.\n\n");
    body.append(
        "| | pass (µs) | entries aged per second per core | fraction of the plain scan's rate"
            + " |\n|---|---:|---:|---:|\n");
    Estimate a = array.get().primary();
    scanRow("TDP age handler", tdp.get().primary(), a, entries);
    atomic.ifPresent(run -> scanRow("`long[]` scan, atomic fetch-and", run.primary(), a, entries));
    scanRow("`long[]` scan, plain", a, a, entries);
    Estimate fraction = a.over(tdp.get().primary());
    body.append('\n');
    atomic.ifPresent(
        run ->
            body.append("The handler reaches ")
                .append(percent(run.primary().over(tdp.get().primary()).median()))
                .append(" of the atomic scan's rate: the rest of the gap to the plain scan is the")
                .append(" atomic read-modify-write itself.\n\n"));
    headlines.add(
        new Headline(
            "4 aging scan",
            "TDP handler rate / plain `long[]` scan rate",
            percent(fraction.median()) + " (" + fraction.ratioText() + ")",
            "report the fraction",
            "reported"));
  }

  private void scanRow(String what, Estimate pass, Estimate plain, double entries) {
    Estimate rate = new Estimate(entries / (pass.median() / 1e6), 0, Double.NaN, pass.samples());
    rate = rate.withError(pass.relativeError());
    body.append("| ")
        .append(what)
        .append(" | ")
        .append(pass.text())
        .append(" | ")
        .append(rate.text())
        .append(" | ")
        .append(plain.over(pass).ratioText())
        .append(" |\n");
  }

  // ---------------------------------------------------------------- 5

  void explorer() throws IOException {
    String title = "5. The explorer against Lincheck";
    Path file = results.resolve(EXPLORER);
    if (!Files.exists(file)) {
      missing(title, EXPLORER);
      return;
    }
    ExplorerVsLincheckResult r =
        new ObjectMapper().readValue(file.toFile(), ExplorerVsLincheckResult.class);
    body.append("## ").append(title).append("\n\n");
    body.append("The lost-zap bug (`")
        .append(r.scenario())
        .append(
            "`: a lockless clear_young whose age handler writes back the value its walk read,"
                + " minus Accessed, with an exchange, racing a zapper holding the MMU lock) found"
                + " by walkspec's explorer (")
        .append(r.strategy())
        .append(", no shrinking) and by Lincheck ")
        .append(r.lincheckVersion())
        .append(
            " (model checking, `Lincheck.runConcurrentTest`) on the same world, handler and"
                + " zapper code run on two real threads, the property checked on the final state"
                + " (gfn 0 must stay unmapped after the zap). Both in one JVM, walkspec first"
                + " (Lincheck leaves the classes it instrumented transformed): walkspec ")
        .append(r.walkspecWarmupRounds())
        .append(" warm-up and ")
        .append(r.walkspecMillis().size())
        .append(" measured rounds, Lincheck ")
        .append(r.lincheckWarmupRounds())
        .append(" warm-up and ")
        .append(r.lincheckMillis().size())
        .append(" measured rounds, each a search from scratch.\n\n");
    Estimate w = r.walkspec();
    Estimate l = r.lincheck();
    Estimate ratio = l.over(w);
    long runs = r.lincheckRuns().stream().mapToLong(Long::longValue).max().orElse(0);
    body.append("| | time to first failure (ms) | schedules / invocations to it | found |\n")
        .append("|---|---:|---:|---|\n");
    body.append("| walkspec explorer | ")
        .append(w.text())
        .append(" | ")
        .append(r.walkspecSchedules())
        .append(" schedules | ")
        .append(r.walkspecObligation())
        .append(" |\n");
    body.append("| Lincheck | ")
        .append(l.text())
        .append(" | ")
        .append(runs)
        .append(" runs of the test body (invocations and the replays that report the failure) | ")
        .append(r.lincheckFound() ? "lost zap" : "**not found**")
        .append(" |\n\n");
    body.append("Lincheck / walkspec time to the first failure: ")
        .append(ratio.ratioText())
        .append(". walkspec's speed on the exhaustive dfs(2) search of the correct `")
        .append(r.throughputScenario())
        .append("` (")
        .append(r.throughputSchedules())
        .append(" schedules): ")
        .append(r.schedulesPerSecond().text())
        .append(" schedules per second.\n\n");
    body.append("Lincheck's report begins:\n\n```\n")
        .append(r.lincheckReport().strip())
        .append("\n```\n\n");
    headlines.add(
        new Headline(
            "5 explorer",
            "Lincheck / walkspec time to first failure",
            ratio.ratioText(),
            ">= 10x",
            yes(r.lincheckFound() && ratio.median() >= 10)));
  }

  // ---------------------------------------------------------------- 6

  void generator() throws IOException {
    String title = "6. Generator";
    Optional<JmhResults> maybe = jmh(GENERATOR);
    if (maybe.isEmpty()) {
      missing(title, GENERATOR);
      return;
    }
    JmhResults r = maybe.get();
    body.append("## ").append(title).append("\n\n");
    body.append(
        "Through the entry point of the Maven plugin's goals (`Builds.generate`): the canonical"
            + " spec, every operation and profile, walkers and conformance suites with the"
            + " conformance-tests handler classes. *check and generate everything* starts from an"
            + " output whose stamp was removed; *up to date* is the no-op incremental run.\n\n");
    Optional<Run> all = r.find("generateAll", Map.of());
    Optional<Run> noop = r.find("upToDate", Map.of());
    body.append("| | ms |\n|---|---:|\n");
    all.ifPresent(
        x ->
            body.append("| check and generate everything | ")
                .append(x.primary().text())
                .append(" |\n"));
    noop.ifPresent(
        x -> body.append("| up to date (no-op) | ").append(x.primary().text()).append(" |\n"));
    body.append('\n');
    if (all.isPresent() && noop.isPresent()) {
      Estimate ratio = all.get().primary().over(noop.get().primary());
      body.append("A full generation costs ")
          .append(ratio.ratioText())
          .append(" the no-op run.\n\n");
      headlines.add(
          new Headline(
              "6 generator",
              "full generation / no-op incremental run",
              ratio.ratioText()
                  + " ("
                  + Estimate.number(all.get().primary().median())
                  + " ms / "
                  + Estimate.number(noop.get().primary().median())
                  + " ms)",
              "report",
              "reported"));
    }
  }
}
