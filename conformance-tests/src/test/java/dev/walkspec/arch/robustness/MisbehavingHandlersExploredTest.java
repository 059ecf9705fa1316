package dev.walkspec.arch.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.conformance.kvm.ClearYoungX86Walker;
import dev.walkspec.conformance.kvm.KvmSpecImage;
import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.suite.HandlerSuite;
import dev.walkspec.suite.SpecRef;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The concurrent half of the suite harness against misbehaving handlers: run by the explorer as the
 * handler of the generated clear_young[x86] walker, racing a zapper and a vCPU (the generated
 * suites' aging-vs-zap scenario), each misbehaviour is a failure naming the obligation, the actor
 * and the handler class within the explorer's budget, never a hung or killed build. (The sequential
 * half is the generator's MisbehavingHandlersTest.)
 */
class MisbehavingHandlersExploredTest {
  private static final String SPEC = "target/walkspec-specs/walkspec-spec/kvm.walk";
  private static final String SCENARIO = "aging-vs-zap";

  static HandlerSuite suite(Supplier<? extends GfnHandler> handler, String name) {
    return HandlerSuite.of(
            SpecRef.of(KvmSpecImage::checked, SPEC, "target/walkspec-specs/walkspec-spec"),
            "C4",
            "x86",
            name,
            handler)
        .withWalk(
            (context, scenario) ->
                new ClearYoungX86Walker(context.kvm(), context.handler(), context.trace())
                    .walk(scenario.start(), scenario.end()));
  }

  public static final class Throws implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      throw new IllegalStateException("boom");
    }
  }

  @Test
  void a_handler_that_throws_in_a_lockless_walk_breaks_h6_and_is_named() {
    assertThatThrownBy(() -> suite(Throws::new, "Throws").explore(SCENARIO))
        .hasMessageStartingWith("walkspec explorer: scenario 'aging-vs-zap' breaks H6")
        .hasMessageContaining("actor 'walk' threw java.lang.IllegalStateException: boom")
        .hasMessageContaining(
            "walkspec: the handler under test: age handler Throws in clear_young[x86]\n"
                + "reproduce: walkspec replay --spec ")
        // The command replays the schedule on the same suite: the spec, binding and class by name.
        .hasMessageMatching(
            "(?s).*\nreproduce: walkspec replay --spec \\S+ --binding 'clear_young\\[x86\\]'"
                + " --handler 'age=\\S+\\$Throws' --classpath target/classes:target/test-classes"
                + " 'aging-vs-zap@[-0-9*.]+'");
  }

  /** Waits, touching shared state, for something that never comes: a retry without bound. */
  public static final class SpinsOnSharedState implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      while (true) {
        kvm.srcu().readUnlock(kvm.srcu().readLock());
      }
    }
  }

  @Test
  void a_handler_spinning_on_shared_state_runs_out_of_steps_as_h4() {
    assertThatThrownBy(() -> suite(SpinsOnSharedState::new, "SpinsOnSharedState").explore(SCENARIO))
        .hasMessageStartingWith("walkspec explorer: scenario 'aging-vs-zap' breaks H4")
        .hasMessageContaining("actor 'walk' is still going after")
        .hasMessageContaining("age handler SpinsOnSharedState in clear_young[x86]");
  }

  public static final class SpinsInPrivate implements AgeHandler {
    static volatile boolean released;

    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      while (!released) {
        Thread.onSpinWait();
      }
      return false;
    }
  }

  @Test
  void a_handler_spinning_without_a_yield_point_is_reported_after_the_stall_bound() {
    try {
      assertThatThrownBy(() -> suite(SpinsInPrivate::new, "SpinsInPrivate").explore(SCENARIO))
          .hasMessageStartingWith("walkspec explorer: scenario 'aging-vs-zap' breaks H4")
          .hasMessageContaining("without reaching a yield point")
          .hasMessageContaining(
              "(it was at dev.walkspec.arch.robustness.MisbehavingHandlersExploredTest$SpinsInPrivate"
                  + ".handle(MisbehavingHandlersExploredTest.java:")
          .hasMessageContaining("age handler SpinsInPrivate in clear_young[x86]");
    } finally {
      SpinsInPrivate.released = true;
    }
  }

  /** A lockless age handler that takes the MMU lock the zapper holds. */
  public static final class TakesTheLock implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      kvm.mmuLock().lockWrite();
      kvm.mmuLock().unlockWrite();
      return false;
    }
  }

  @Test
  void a_lockless_handler_taking_the_lock_is_h1_not_a_hang() {
    assertThatThrownBy(() -> suite(TakesTheLock::new, "TakesTheLock").explore(SCENARIO))
        .hasMessageStartingWith("walkspec explorer: scenario 'aging-vs-zap' breaks H1")
        .hasMessageContaining("age handler TakesTheLock in clear_young[x86]");
  }

  public static final class Exits implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      Runtime.getRuntime().exit(1);
      return false;
    }
  }

  @Test
  void a_handler_that_can_exit_is_refused_before_the_explorer_runs_it() {
    assertThatThrownBy(() -> suite(Exits::new, "Exits").explore(SCENARIO))
        .hasMessageContaining("handler class " + Exits.class.getName())
        .hasMessageContaining("calls java.lang.Runtime.exit");
    assertThat(Runtime.getRuntime().availableProcessors()).isPositive();
  }
}
