package dev.walkspec.conform;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.walkspec.runtime.explore.Counterexample;
import dev.walkspec.runtime.explore.StepRow;
import dev.walkspec.suite.ConformanceFailure;
import dev.walkspec.suite.ExploredFailure;
import dev.walkspec.suite.HandlerSuite;
import dev.walkspec.suite.InconclusiveExploration;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs compiled generated suites with the JUnit Platform (Jupiter and jqwik), test by test: in one
 * session, or in several at once on threads of this JVM ({@link SuiteWorkers}) so that every core
 * runs suites.
 */
final class SuiteLauncher {
  /**
   * How a test failed: the failure's message and, when the failure carries it, the obligation it
   * found broken (an explored counterexample's, a conformance failure's rule, or inconclusive), and
   * an explored counterexample's step rows (from the explorer's model; empty otherwise).
   */
  record Failure(String message, Optional<String> obligation, List<StepRow> steps) {
    Failure {
      steps = steps == null ? List.of() : List.copyOf(steps);
    }
  }

  /**
   * What one test method did: its class, method, display name, the failure if it failed, and its
   * wall-clock time from start to end (the report's per-cell durations add these up).
   */
  record TestOutcome(
      String className,
      String method,
      String displayName,
      Optional<Failure> failure,
      long millis) {}

  /**
   * Every test's outcome in the order of the classes given, how many schedules the explored ones
   * ran in all, and the handlers that took the MMU lock for read inside a lockless walk.
   */
  record Run(List<TestOutcome> outcomes, long schedules, Set<String> readLockers) {}

  /**
   * A suite class to run, the cell it judges ("TdpUnmapReturnsFalse on kvm, ..."), and which of its
   * tests: with {@code obligations}, those judging one of them and the drift lock ({@link
   * SuiteTests#only}); without, every test.
   */
  record Job(String className, String cell, Optional<Set<String>> obligations) {
    Job {
      obligations = obligations.map(Set::copyOf);
    }

    /** Every test of the class. */
    static Job all(String className, String cell) {
      return new Job(className, cell, Optional.empty());
    }

    /** The tests of the class that judge one of {@code obligations}, and its drift lock. */
    static Job only(String className, String cell, Set<String> obligations) {
      return new Job(className, cell, Optional.of(obligations));
    }
  }

  /** Where a session's events go: each test's outcome, and each count of schedules explored. */
  record Events(Consumer<TestOutcome> outcome, LongConsumer schedules) {}

  /**
   * jqwik logs how it handles earlier failures at INFO; kept from the terminal (held: JUL is weak).
   */
  private static final Logger JQWIK_LOG = Logger.getLogger("net.jqwik");

  private SuiteLauncher() {}

  /**
   * Runs the suites ({@code jobs}, in order) on {@code workers} workers: this JVM's own session and
   * {@code workers - 1} isolated workers.
   */
  static Run run(Path classes, List<Job> jobs, Progress progress, int workers) throws Exception {
    return SuiteWorkers.run(
        classes, jobs, progress, Math.max(1, Math.min(workers, jobs.size())), true);
  }

  /**
   * The compiled suites in one class loader (the context loader while the session is open), one
   * JUnit Platform launcher, and a jqwik failure database of its own.
   */
  static final class Session implements AutoCloseable {
    private final ClassLoader parent = Thread.currentThread().getContextClassLoader();
    private final Path database;
    private final URLClassLoader loader;
    private final Launcher launcher = LauncherFactory.create();

    Session(Path classes) throws IOException {
      // jqwik's failure database would make a run depend on the runs before it (it replays
      // earlier failing samples first), so every session gets its own, thrown away afterwards.
      database = TempDirs.create("walkspec-jqwik");
      JQWIK_LOG.setLevel(Level.WARNING);
      loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent);
      Thread.currentThread().setContextClassLoader(loader);
    }

    /** Runs the job's tests, reporting to {@code events} as tests end. */
    void execute(String className, Optional<Set<String>> obligations, Events events)
        throws ClassNotFoundException {
      LauncherDiscoveryRequestBuilder builder =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectClass(loader.loadClass(className)));
      obligations.ifPresent(o -> builder.filters(SuiteTests.only(o)));
      LauncherDiscoveryRequest request =
          builder
              .configurationParameter("jqwik.reporting.onlyfailures", "true")
              // jqwik would print each failing property's samples to stdout, into the matrix; the
              // failure's message keeps what the report needs.
              .configurationParameter("jqwik.reporting.usejunitplatform", "true")
              .configurationParameter("jqwik.database", database.resolve("db").toString())
              // Handler properties shrink a failing state themselves (StateShrinker, no budget);
              // jqwik still shrinks the walker suites' properties, and stops after 10 s by
              // default: on a loaded machine a failing layout was then shown less shrunk, and the
              // report depended on the load. The bound stays as a guard against a shrink that
              // never ends.
              .configurationParameter("jqwik.shrinking.bounded.seconds", "300")
              .build();
      launcher.execute(request, new Recorder(events));
    }

    @Override
    public void close() throws IOException {
      Thread.currentThread().setContextClassLoader(parent);
      try {
        loader.close();
      } finally {
        TempDirs.delete(database);
      }
    }
  }

  /** Passes on the outcome of every test method (containers are skipped). */
  private static final class Recorder implements TestExecutionListener {
    private final Events events;
    // When each test began, by its unique id (JUnit may report from the engine's threads).
    private final Map<String, Long> began = new ConcurrentHashMap<>();

    Recorder(Events events) {
      this.events = events;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
      began.put(test.getUniqueId(), System.nanoTime());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
      entry.getKeyValuePairs().entrySet().stream()
          .filter(e -> e.getKey().equals(HandlerSuite.SCHEDULES_ENTRY))
          .forEach(e -> events.schedules().accept(Long.parseLong(e.getValue())));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (!test.isTest()
          || test.getSource().isEmpty()
          || !(test.getSource().get() instanceof MethodSource m)) {
        return;
      }
      Optional<Failure> failure =
          result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
              ? Optional.empty()
              : Optional.of(
                  failure(
                      result
                          .getThrowable()
                          .orElse(new AssertionError("aborted: " + result.getStatus()))));
      Long start = began.remove(test.getUniqueId());
      long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
      events
          .outcome()
          .accept(
              new TestOutcome(
                  m.getClassName(), m.getMethodName(), test.getDisplayName(), failure, millis));
    }
  }

  private static Failure failure(Throwable thrown) {
    return new Failure(
        String.valueOf(thrown.getMessage()), brokenObligation(thrown), stepRows(thrown));
  }

  /** The rows of an explored counterexample's step table, as the explorer made them. */
  private static List<StepRow> stepRows(Throwable failure) {
    if (failure instanceof ExploredFailure explored && explored.result() != null) {
      return explored.result().counterexample().map(Counterexample::stepRows).orElse(List.of());
    }
    return List.of();
  }

  /** The obligation a failure found broken, when it carries one. */
  private static Optional<String> brokenObligation(Throwable failure) {
    if (failure instanceof InconclusiveExploration) {
      return Optional.of(InconclusiveExploration.VERDICT);
    }
    if (failure instanceof ConformanceFailure conformance) {
      return Optional.of(conformance.rule());
    }
    return failure instanceof ExploredFailure explored ? explored.obligation() : Optional.empty();
  }
}
