package dev.walkspec.bench.shrink;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.walkspec.arch.bad.TdpAgeStartOnly;
import dev.walkspec.arch.bad.TdpUnmapNeverYields;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.suite.HandlerState;
import dev.walkspec.suite.HandlerSuite;
import dev.walkspec.suite.SpecRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One failing one-call property, run to its reported counterexample, as the matrix runs it (150
 * tries, the fixed seed 20261126, through the JUnit Platform): {@code JQWIK} is the version before
 * (jqwik shrinks the drawn state, running the handler on every candidate it derives from the
 * generator's choices), {@code WALKSPEC} the version now (jqwik's shrinking off, {@code
 * HandlerSuite.check} shrinks the failing state with its own steps). Two bundled bad handlers: x86
 * TDP aging that ages only the range's first page (H9, states of a few dozen mappings), and an
 * unmap that never yields (H14, runs of 530 to 700 pages).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ShrinkingBenchmark {
  /** Who shrinks the failing state. */
  public enum Shrinker {
    JQWIK,
    WALKSPEC
  }

  /** The failing property. */
  public enum Failure {
    H9_START_ONLY,
    H14_NEVER_YIELDS
  }

  @Param({"JQWIK", "WALKSPEC"})
  public Shrinker shrinker;

  @Param({"H9_START_ONLY", "H14_NEVER_YIELDS"})
  public Failure failure;

  private Launcher launcher;
  private Path database;
  private Class<?> properties;

  static HandlerSuite ageSuite;
  static HandlerSuite unmapSuite;

  @Setup
  public void setUp() throws IOException {
    Path spec = BundledSpecs.file(BundledSpecs.CANONICAL);
    CheckedSpec checked = Pipeline.standard().check(spec).checked();
    SpecRef ref = SpecRef.of(() -> checked, spec.toString());
    ageSuite = HandlerSuite.of(ref, "C3", "x86", "TdpAgeStartOnly", TdpAgeStartOnly::new);
    unmapSuite = HandlerSuite.of(ref, "C1", "x86", "TdpUnmapNeverYields", TdpUnmapNeverYields::new);
    launcher = LauncherFactory.create();
    database = Files.createTempFile("walkspec-shrinking-bench", ".jqwik-database");
    properties =
        switch (shrinker) {
          case JQWIK -> ShrunkByJqwik.class;
          case WALKSPEC -> ShrunkByWalkspec.class;
        };
  }

  /** Runs the property; returns the failures seen (one: the property fails). */
  @Benchmark
  public long run() {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(properties))
            .filters(
                org.junit.platform.launcher.MethodFilter.includeMethodNamePatterns(
                    ".*" + failure.name()))
            .configurationParameter("jqwik.database", database.toString())
            .configurationParameter("jqwik.reporting.onlyfailures", "true")
            .configurationParameter("jqwik.reporting.usejunitplatform", "true")
            .configurationParameter("jqwik.shrinking.bounded.seconds", "300")
            .build(),
        summary);
    long failed = summary.getSummary().getTestsFailedCount();
    if (failed != 1) {
      throw new IllegalStateException("the property did not fail once: " + failed);
    }
    return failed;
  }

  /** The states both versions' properties draw, as the generated suites provide them. */
  public abstract static class States {
    @Provide
    Arbitrary<HandlerState> ageStates() {
      return ageSuite.states();
    }

    @Provide
    Arbitrary<HandlerState> longRanges() {
      return unmapSuite.longRanges();
    }
  }

  /**
   * The properties as generated before: jqwik shrinks; each candidate fails as the one-call check
   * did then, without shrinking of its own ({@link HandlerSuite#breaks}).
   */
  public static class ShrunkByJqwik extends States {
    @Property(tries = 150, seed = "20261126")
    void propertyH9_START_ONLY(@ForAll("ageStates") HandlerState state) {
      if (ageSuite.breaks("H9", state)) {
        throw new AssertionError("H9 broken on " + state);
      }
    }

    @Property(tries = 150, seed = "20261126")
    void propertyH14_NEVER_YIELDS(@ForAll("longRanges") HandlerState state) {
      if (unmapSuite.breaks("H14", state)) {
        throw new AssertionError("H14 broken on " + state);
      }
    }
  }

  /** The properties as generated now: jqwik's shrinking off, the check shrinks. */
  public static class ShrunkByWalkspec extends States {
    @Property(tries = 150, seed = "20261126", shrinking = ShrinkingMode.OFF)
    void propertyH9_START_ONLY(@ForAll("ageStates") HandlerState state) {
      ageSuite.check("H9", state);
    }

    @Property(tries = 150, seed = "20261126", shrinking = ShrinkingMode.OFF)
    void propertyH14_NEVER_YIELDS(@ForAll("longRanges") HandlerState state) {
      unmapSuite.check("H14", state);
    }
  }
}
