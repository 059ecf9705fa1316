package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler that throws, spins, waits forever, allocates without bound or calls System.exit gets a
 * failure from the suite harness that names the obligation being checked and the handler, within
 * the harness's budget: never a hung or killed test JVM. (The concurrent half, through the explorer
 * with a generated walker, is in conformance-tests: MisbehavingHandlersExploredTest.)
 */
class MisbehavingHandlersTest {
  private static final HandlerState STATE = SuiteFixtures.pageAt3(true);

  private String previousTimeout;

  @BeforeEach
  void shortCallTimeout() {
    previousTimeout = System.getProperty("walkspec.suite.callTimeoutSeconds");
    System.setProperty("walkspec.suite.callTimeoutSeconds", "2");
  }

  @AfterEach
  void restoreTimeout() {
    if (previousTimeout == null) {
      System.clearProperty("walkspec.suite.callTimeoutSeconds");
    } else {
      System.setProperty("walkspec.suite.callTimeoutSeconds", previousTimeout);
    }
  }

  private static HandlerSuite suite(Supplier<? extends GfnHandler> handler, String name) {
    return SuiteFixtures.suite("C4", "x86", name, handler);
  }

  private static void assertFails(
      HandlerSuite suite, String obligation, String name, String... details) {
    assertThatThrownBy(() -> suite.check(obligation, STATE))
        .isInstanceOf(ConformanceFailure.class)
        .hasMessageStartingWith("walkspec: " + obligation + " ")
        .hasMessageContaining("age handler " + name + " in clear_young[x86]")
        .hasMessageContaining(details[0]);
  }

  public static final class Throws implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      throw new IllegalStateException("boom at " + range.start());
    }
  }

  @Test
  void a_handler_that_throws_fails_the_obligation_being_checked() {
    assertFails(
        suite(Throws::new, "Throws"),
        "H9",
        "Throws",
        "the handler threw java.lang.IllegalStateException: boom at 0");
  }

  public static final class Recurses implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      return handle(kvm, range) || range.lockless();
    }
  }

  @Test
  void a_handler_that_overflows_its_stack_fails_instead_of_escaping_the_harness() {
    assertFails(
        suite(Recurses::new, "Recurses"),
        "H10",
        "Recurses",
        "the handler threw java.lang.StackOverflowError");
  }

  /** Touches shared state (SRCU) in a loop that never ends: a retry without bound. */
  public static final class SpinsOnSharedState implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      while (true) {
        kvm.srcu().readUnlock(kvm.srcu().readLock());
      }
    }
  }

  @Test
  void a_handler_spinning_on_shared_state_runs_out_of_steps_and_breaks_h4() {
    HandlerSuite suite = suite(SpinsOnSharedState::new, "SpinsOnSharedState");
    assertThatThrownBy(() -> suite.check("H11", STATE))
        .hasMessageStartingWith("walkspec: H4 ")
        .hasMessageContaining("SpinsOnSharedState")
        .hasMessageContaining("still going after 1000000 accesses to shared state");
  }

  public static final class SpinsInPrivate implements AgeHandler {
    static volatile long spins;

    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      while (spins >= 0) {
        spins++;
      }
      return false;
    }
  }

  @Test
  void a_handler_spinning_without_touching_shared_state_is_given_up_after_the_wall_clock() {
    HandlerSuite suite = suite(SpinsInPrivate::new, "SpinsInPrivate");
    assertFails(suite, "H9", "SpinsInPrivate", "did not return within 2 s");
    // Not run again: shrinking (or the next property) fails at once instead of waiting again.
    assertFails(suite, "H10", "SpinsInPrivate", "not run again: the handler did not return");
  }

  public static final class WaitsForever implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  @Test
  void a_handler_waiting_for_something_that_never_comes_is_given_up_after_the_wall_clock() {
    assertFails(suite(WaitsForever::new, "WaitsForever"), "H11", "WaitsForever", "did not return");
  }

  /** Keeps every MiB it allocates, touching shared state in between. */
  public static final class HoardsWhileWalking implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      List<byte[]> hoard = new ArrayList<>();
      for (int i = 0; i < 2048; i++) {
        hoard.add(new byte[1 << 20]);
        kvm.srcu().readUnlock(kvm.srcu().readLock());
      }
      return hoard.size() > 0;
    }
  }

  @Test
  void a_handler_allocating_without_bound_is_stopped_by_the_allocation_budget() {
    assertFails(
        suite(HoardsWhileWalking::new, "HoardsWhileWalking"),
        "H9",
        "HoardsWhileWalking",
        "allocated more than 256 MiB in one call");
  }

  /** Allocates (up to 3 GiB, then spins) without ever touching shared state. */
  public static final class HoardsInPrivate implements AgeHandler {
    static volatile Object sink;

    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      List<byte[]> hoard = new ArrayList<>();
      sink = hoard;
      for (int i = 0; i < 3072; i++) {
        hoard.add(new byte[1 << 20]);
      }
      while (sink != null) {
        Thread.onSpinWait();
      }
      return false;
    }
  }

  @Test
  void a_handler_allocating_without_touching_shared_state_is_stopped_by_the_watchdog() {
    try {
      assertFails(
          suite(HoardsInPrivate::new, "HoardsInPrivate"), "H9", "HoardsInPrivate", "the handler");
    } finally {
      HoardsInPrivate.sink = null;
    }
  }

  public static final class Exits implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      System.exit(3);
      return false;
    }
  }

  /** Exits through a helper class and a method reference: still found. */
  public static final class ExitsThroughAHelper implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      Quitter.quit(range.start() > 0 ? 1 : 2);
      return false;
    }
  }

  static final class Quitter {
    static void quit(int code) {
      IntConsumer halt = Runtime.getRuntime()::halt;
      halt.accept(code);
    }
  }

  @Test
  void a_handler_that_can_call_system_exit_is_refused_before_it_runs() {
    assertFails(
        suite(Exits::new, "Exits"),
        "H9",
        "Exits",
        "calls java.lang.System.exit. A handler must never end the JVM");
    assertFails(
        suite(ExitsThroughAHelper::new, "ExitsThroughAHelper"),
        "H11",
        "ExitsThroughAHelper",
        "class dev.walkspec.suite.MisbehavingHandlersTest$Quitter calls java.lang.Runtime.halt");
    // This JVM is still here, and the exit-free handlers of the suites are not refused.
    assertThat(ExitRefusal.findExit(Throws.class)).isEmpty();
    assertThat(ExitRefusal.findExit(dev.walkspec.pipeline.handlers.GoodAge.class)).isEmpty();
  }
}
