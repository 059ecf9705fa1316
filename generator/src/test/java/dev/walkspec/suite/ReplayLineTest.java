package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.walkspec.runtime.api.AgeHandler;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A one-call property's failure says how to draw its state again: the command that reruns the
 * property that called the suite, with the fixed seed it runs with if the suite was generated with
 * one, or else from jqwik's database of failing samples.
 */
class ReplayLineTest {
  /** Returns true although nothing in the range is young and clears nothing: H11. */
  public static final class AlwaysYoung implements AgeHandler {
    @Override
    public boolean handle(dev.walkspec.runtime.api.Kvm kvm, dev.walkspec.runtime.api.GfnRange r) {
      return true;
    }
  }

  private static final HandlerSuite SUITE =
      SuiteFixtures.suite("C4", "x86", "AlwaysYoung", AlwaysYoung::new);

  /** Nothing in the range is young. */
  private static final HandlerState OLD = SuiteFixtures.pageAt3(false);

  /** Shaped like a generated suite; nested, so no engine runs its properties on their own. */
  static final class GeneratedLike {
    @Property(tries = 1, seed = "42")
    void fixedSeed() {
      SUITE.check("H11", OLD);
    }

    @Property(tries = 1)
    void randomSeed() {
      SUITE.check("H11", OLD);
    }
  }

  @Test
  void aFixedSeedIsNamedWithTheProperty() {
    ConformanceFailure failure =
        catchThrowableOfType(ConformanceFailure.class, new GeneratedLike()::fixedSeed);
    assertThat(failure.getMessage())
        .contains(
            "  reproduce: mvn test -Dtest='GeneratedLike#fixedSeed' (the property runs with the"
                + " fixed seed 42: the same states)");
  }

  @Test
  void otherwiseTheReplayAsksForTheSeedJqwikReports() {
    ConformanceFailure failure =
        catchThrowableOfType(ConformanceFailure.class, new GeneratedLike()::randomSeed);
    assertThat(failure.getMessage())
        .contains(
            "  reproduce: mvn test -Dtest='GeneratedLike#randomSeed' (jqwik tries the failing"
                + " sample first, from .jqwik-database)");
  }
}
