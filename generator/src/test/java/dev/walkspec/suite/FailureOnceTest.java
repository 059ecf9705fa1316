package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * One bug, one report: the first property of a handler that runs into a broken obligation reports
 * the counterexample in full, and the other properties that run into it point there ("see H1
 * above") instead of printing it again.
 */
class FailureOnceTest {
  /** Takes the MMU lock inside a lockless walk: H1, whichever property calls it. */
  public static final class TakesTheLock implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      // Exclusively: H1 allows a lockless handler the read lock (s390), never the write lock.
      kvm.mmuLock().lockWrite();
      kvm.mmuLock().unlockWrite();
      return false;
    }
  }

  private static final HandlerSuite SUITE =
      SuiteFixtures.suite("C4", "x86", "TakesTheLock", TakesTheLock::new);

  /** Shaped like a generated suite; nested, so no engine runs its properties on their own. */
  static final class GeneratedLike {
    @Property(tries = 1)
    void h9Coverage() {
      SUITE.check("H9", SuiteFixtures.pageAt3(true));
    }

    @Property(tries = 1)
    void h10Confinement() {
      SUITE.check("H10", SuiteFixtures.pageAt3(true));
    }
  }

  @Test
  void theFirstPropertyReportsTheCounterexampleAndTheOthersPointToIt() {
    GeneratedLike suite = new GeneratedLike();
    AssertionError first = catchThrowableOfType(AssertionError.class, suite::h9Coverage);
    AssertionError second = catchThrowableOfType(AssertionError.class, suite::h10Confinement);
    AssertionError shrinking = catchThrowableOfType(AssertionError.class, suite::h9Coverage);

    assertThat(first).isInstanceOf(ConformanceFailure.class);
    assertThat(first.getMessage())
        .startsWith(
            "walkspec: H1 lock_context broken by age handler TakesTheLock in clear_young[x86]\n")
        .contains("  reproduce: mvn test -Dtest='GeneratedLike#h9Coverage'");
    assertThat(second.getMessage())
        .isEqualTo(
            "walkspec: H1 lock_context broken by age handler TakesTheLock in clear_young[x86]"
                + " (found again while checking H10): see H1 above, where"
                + " GeneratedLike#h9Coverage reports the counterexample");
    assertThat(shrinking)
        .as("the property that reported it keeps reporting it whole, as jqwik shrinks the state")
        .isInstanceOf(ConformanceFailure.class);
  }
}
