package dev.walkspec.conform;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.platform.engine.TestExecutionResult;
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

  private SuiteLauncher() {}

  static List<TestOutcome> run(Path classes, List<String> classNames, Progress progress)
      throws Exception {
    ClassLoader parent = Thread.currentThread().getContextClassLoader();
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
              .configurationParameter(
                  "jqwik.database",
                  System.getProperty("java.io.tmpdir") + "/walkspec-jqwik-database")
              .build();
      Launcher launcher = LauncherFactory.create();
      Recorder recorder = new Recorder(progress);
      launcher.execute(request, recorder);
      return List.copyOf(recorder.outcomes);
    } finally {
      Thread.currentThread().setContextClassLoader(parent);
    }
  }

  /** Records the outcome of every test method (containers are skipped). */
  private static final class Recorder implements TestExecutionListener {
    private final ConcurrentLinkedQueue<TestOutcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Progress progress;

    Recorder(Progress progress) {
      this.progress = progress;
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
