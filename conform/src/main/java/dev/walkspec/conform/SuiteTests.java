package dev.walkspec.conform;

import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Which tests of a generated handler suite judge which obligation, read from their display names as
 * the generator writes them: a one-call property is labelled "subject H9 coverage", an explored
 * scenario "subject explored: scenario (H1 H2), bounds", and the factory that makes the explored
 * ones "subject H1 H2 explored with other actors". Matching the factory too lets a filter keep or
 * drop all explored scenarios before they exist (JUnit makes dynamic tests while running).
 */
final class SuiteTests {
  /** The obligation that stands for all of a suite's explored scenarios. */
  static final String EXPLORED = "explored";

  /** The test every suite has that fails when its spec changed since it was generated. */
  static final String DRIFT_LOCK = "specUnchangedSinceGeneration";

  private static final String SCENARIO = " explored: ";
  private static final String FACTORY = " explored with other actors";

  private SuiteTests() {}

  /** Whether the test (or test factory) named {@code displayName} judges {@code obligation}. */
  static boolean judges(String displayName, String obligation) {
    boolean explored = displayName.contains(SCENARIO) || displayName.endsWith(FACTORY);
    return obligation.equals(EXPLORED)
        ? explored
        : !explored && displayName.contains(" " + obligation + " ");
  }

  /**
   * Keeps the tests of a suite that judge one of {@code obligations}, and its drift lock (a suite
   * whose spec drifted judges nothing): a judgement with the same inputs runs once in the matrix,
   * in the suite of its first cell, so a suite's other tests would redo another suite's work.
   */
  static PostDiscoveryFilter only(Set<String> obligations) {
    return descriptor ->
        FilterResult.includedIf(
            isDriftLock(descriptor)
                || obligations.stream().anyMatch(o -> judges(descriptor.getDisplayName(), o)),
            () -> "judges one of " + obligations,
            () -> "judges none of " + obligations + " (judged in another suite)");
  }

  private static boolean isDriftLock(TestDescriptor descriptor) {
    return descriptor
        .getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName().equals(DRIFT_LOCK))
        .orElse(false);
  }
}
