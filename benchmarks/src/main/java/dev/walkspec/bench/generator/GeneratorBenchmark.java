package dev.walkspec.bench.generator;

import dev.walkspec.pipeline.BuildRequest;
import dev.walkspec.pipeline.Builds;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.GenerateResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 6: the generator, through the entry point the Maven plugin's {@code generate} and
 * {@code generate-tests} goals use ({@code Builds.generate}): the canonical spec from the bundled
 * spec directory, every operation and profile, walkers and conformance suites, with the handler
 * classes of the conformance-tests module (loaded and checked as the plugin does). {@code
 * generateAll} starts from an empty output directory, so it checks the spec and writes everything;
 * {@code upToDate} is the no-op incremental run: the stamp says nothing changed. (The setup before
 * each invocation also runs for {@code upToDate}; it only prepares the next fresh directory.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GeneratorBenchmark {
  private Path work;
  private List<Path> classpath;
  private BuildRequest current;
  private BuildRequest fresh;
  private int freshRuns;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    work = Files.createTempDirectory("walkspec-bench-gen");
    classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .toList();
    current = request(work.resolve("current"));
    GenerateResult first = generate(current);
    if (first.upToDate() || first.walkerFiles() == 0 || first.suiteFiles() == 0) {
      throw new IllegalStateException("the first generation wrote nothing: " + first);
    }
  }

  /** Generation into {@code output}/walkers and {@code output}/suites. */
  private BuildRequest request(Path output) {
    return new BuildRequest(
        work,
        List.of(BundledSpecs.directory()),
        List.of(),
        work.resolve("specs"),
        List.of(BundledSpecs.CANONICAL),
        Optional.of(output.resolve("walkers")),
        Optional.of(output.resolve("suites")),
        "dev.walkspec.benchgen",
        Set.of(),
        Set.of(),
        Map.of(
            "x86.age", "dev.walkspec.arch.x86.X86AgeHandler",
            "x86.test_age", "dev.walkspec.arch.x86.X86TestAgeHandler",
            "x86.unmap", "dev.walkspec.arch.x86.X86UnmapHandler",
            "arm64.age", "dev.walkspec.arch.arm64.Arm64AgeHandler",
            "arm64.test_age", "dev.walkspec.arch.arm64.Arm64TestAgeHandler",
            "arm64.unmap", "dev.walkspec.arch.arm64.Arm64UnmapHandler",
            "loongarch.age", "dev.walkspec.arch.loongarch.LoongarchAgeHandler",
            "loongarch.test_age", "dev.walkspec.arch.loongarch.LoongarchTestAgeHandler",
            "loongarch.unmap", "dev.walkspec.arch.loongarch.LoongarchUnmapHandler"),
        classpath);
  }

  /** Runs the generation; fails on spec errors. */
  static GenerateResult generate(BuildRequest request) {
    try {
      Builds.Outcome outcome = Builds.generate(request);
      GenerateResult result =
          outcome
              .generated()
              .orElseThrow(() -> new IllegalStateException("no generation: " + outcome.report()));
      if (result.hasErrors()) {
        throw new IllegalStateException("the canonical spec has errors: " + result.diagnostics());
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Before each full generation: a new, empty output (the previous one deleted, untimed). */
  @Setup(Level.Invocation)
  public void freshOutput() throws IOException {
    Path previous = work.resolve("fresh-" + freshRuns);
    if (Files.exists(previous)) {
      delete(previous);
    }
    freshRuns++;
    fresh = request(work.resolve("fresh-" + freshRuns));
  }

  @Benchmark
  public GenerateResult generateAll() {
    GenerateResult result = generate(fresh);
    if (result.upToDate()) {
      throw new IllegalStateException("expected a full generation");
    }
    return result;
  }

  @Benchmark
  public GenerateResult upToDate() {
    GenerateResult result = generate(current);
    if (!result.upToDate()) {
      throw new IllegalStateException("expected a no-op run");
    }
    return result;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    delete(work);
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
