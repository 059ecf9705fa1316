package dev.walkspec.conform;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.walkspec.suite.HandlerSuite;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
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

/** Runs compiled generated suites with the JUnit Platform (Jupiter and jqwik), test by test. */
final class SuiteLauncher {
  /** What one test method did: its class, method, display name, and the failure if it failed. */
  record TestOutcome(
      String className, String method, String displayName, Optional<Throwable> failure) {}

  /**
   * jqwik logs how it handles earlier failures at INFO; kept from the terminal (held: JUL is weak).
   */
  private static final Logger JQWIK_LOG = Logger.getLogger("net.jqwik");

  private SuiteLauncher() {}

  /** Every test's outcome, and how many schedules the explored ones ran in all. */
  record Run(List<TestOutcome> outcomes, long schedules) {}

  static Run run(Path classes, List<String> classNames, Progress progress) throws Exception {
    ClassLoader parent = Thread.currentThread().getContextClassLoader();
    // jqwik's failure database would make a run depend on the runs before it (it replays earlier
    // failing samples first), so every run gets its own, thrown away afterwards.
    Path database = TempDirs.create("walkspec-jqwik");
    JQWIK_LOG.setLevel(Level.WARNING);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent)) {
      Thread.currentThread().setContextClassLoader(loader);
      List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
      for (String name : classNames) {
        selectors.add(selectClass(loader.loadClass(name)));
      }
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectors)
              .configurationParameter("jqwik.reporting.onlyfailures", "true")
              // jqwik would print each failing property's samples to stdout, into the matrix; the
              // failure's message keeps what the report needs.
              .configurationParameter("jqwik.reporting.usejunitplatform", "true")
              .configurationParameter("jqwik.database", database.resolve("db").toString())
              // jqwik stops shrinking after 10 s by default: on a loaded machine a failing state
              // was then shown less shrunk, and the report (and docs/conformance-matrix.md)
              // depended on the load. The fixed seed reproduces a card only if shrinking ends on
              // its own; the bound stays as a guard against a shrink that never ends.
              .configurationParameter("jqwik.shrinking.bounded.seconds", "300")
              .build();
      Launcher launcher = LauncherFactory.create();
      Recorder recorder = new Recorder(progress);
      launcher.execute(request, recorder);
      return new Run(List.copyOf(recorder.outcomes), recorder.schedules.get());
    } finally {
      Thread.currentThread().setContextClassLoader(parent);
      TempDirs.delete(database);
    }
  }

  /** Records the outcome of every test method (containers are skipped). */
  private static final class Recorder implements TestExecutionListener {
    private final ConcurrentLinkedQueue<TestOutcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicLong schedules = new AtomicLong();
    private final Progress progress;

    Recorder(Progress progress) {
      this.progress = progress;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
      entry.getKeyValuePairs().entrySet().stream()
          .filter(e -> e.getKey().equals(HandlerSuite.SCHEDULES_ENTRY))
          .forEach(
              e -> {
                long count = Long.parseLong(e.getValue());
                schedules.addAndGet(count);
                progress.schedulesDone(count);
              });
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (!test.isTest()
          || test.getSource().isEmpty()
          || !(test.getSource().get() instanceof MethodSource m)) {
        return;
      }
      Optional<Throwable> failure =
          result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
              ? Optional.empty()
              : Optional.of(
                  result
                      .getThrowable()
                      .orElse(new AssertionError("aborted: " + result.getStatus())));
      outcomes.add(
          new TestOutcome(m.getClassName(), m.getMethodName(), test.getDisplayName(), failure));
      progress.testDone(test.getDisplayName(), failure.isEmpty());
    }
  }
}
