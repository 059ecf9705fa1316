package dev.walkspec.emit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.walkspec.suite.VerifiedOnce;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs compiled generated test classes with the JUnit Platform (JUnit Jupiter and jqwik). A walker
 * suite that passed is recorded (VerifiedOnce) beside the classes, so runs of different tests never
 * share records.
 */
final class SuiteRunner {
  private SuiteRunner() {}

  static TestExecutionSummary run(Path classes, List<String> testClassNames) throws Exception {
    return run(classes, testClassNames, classes.resolveSibling("walkspec-verified"));
  }

  /** Runs them with the records of passed walker suites kept in {@code verified}. */
  static TestExecutionSummary run(Path classes, List<String> testClassNames, Path verified)
      throws Exception {
    String before = System.getProperty(VerifiedOnce.DIRECTORY);
    System.setProperty(VerifiedOnce.DIRECTORY, verified.toString());
    try {
      return launch(classes, testClassNames);
    } finally {
      if (before == null) {
        System.clearProperty(VerifiedOnce.DIRECTORY);
      } else {
        System.setProperty(VerifiedOnce.DIRECTORY, before);
      }
    }
  }

  private static TestExecutionSummary launch(Path classes, List<String> testClassNames)
      throws Exception {
    ClassLoader parent = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent)) {
      Thread.currentThread().setContextClassLoader(loader);
      List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
      for (String name : testClassNames) {
        selectors.add(selectClass(loader.loadClass(name)));
      }
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
      Launcher launcher = LauncherFactory.create();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      launcher.execute(request, listener);
      return listener.getSummary();
    } finally {
      Thread.currentThread().setContextClassLoader(parent);
    }
  }
}
