package dev.walkspec.suite;

import dev.walkspec.runtime.sched.Actor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one handler call on a thread of its own and waits for it within a wall-clock bound, so a
 * handler that spins without ever touching shared state (which {@link CallBudget} would count) or
 * allocates without bound between two such touches fails the check instead of hanging the build. An
 * abandoned call's thread is stopped where the JDK still can ({@code Thread.stop}, JDK 17 to 19);
 * on later JDKs it is left running as a daemon and the suite does not run that handler again.
 */
final class BoundedCall {
  /** The wall-clock bound: {@code -Dwalkspec.suite.callTimeoutSeconds} (default 60). */
  static Duration timeout() {
    return Duration.ofSeconds(Long.getLong("walkspec.suite.callTimeoutSeconds", 60));
  }

  /** A call given up on: it did not return within the bound, or allocated without bound. */
  static final class Abandoned extends Exception {
    private static final long serialVersionUID = 1L;

    Abandoned(String message) {
      super(message);
    }
  }

  private BoundedCall() {}

  /** Runs {@code body}; returns what it threw (null when it returned). */
  static Throwable run(Runnable body) throws Abandoned {
    Throwable[] thrown = new Throwable[1];
    Thread thread =
        new Thread(
            () -> {
              Actor.bind("handler");
              try {
                body.run();
              } catch (Throwable t) {
                thrown[0] = t;
              }
            },
            "walkspec-handler-call");
    thread.setDaemon(true);
    thread.start();
    long deadline = System.nanoTime() + timeout().toNanos();
    long startBytes = ThreadAllocation.bytes(thread);
    try {
      while (true) {
        thread.join(50);
        if (!thread.isAlive()) {
          return thrown[0];
        }
        long allocated = ThreadAllocation.bytes(thread) - startBytes;
        if (allocated > 4 * CallBudget.MAX_BYTES) {
          stop(thread);
          throw new Abandoned(
              "the handler allocated more than "
                  + (4 * CallBudget.MAX_BYTES >> 20)
                  + " MiB in one call without touching shared state: it allocates without bound");
        }
        if (System.nanoTime() - deadline > 0) {
          stop(thread);
          throw new Abandoned(
              "the handler did not return within "
                  + timeout().toSeconds()
                  + " s, without touching shared state for the last of them: it spins or waits"
                  + " forever (budget: -Dwalkspec.suite.callTimeoutSeconds)");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(thread);
      throw new Abandoned("interrupted while waiting for the handler");
    }
  }

  /** Thread.stop where it still works, by reflection so that no JDK's deprecation applies. */
  private static void stop(Thread thread) {
    try {
      Thread.class.getMethod("stop").invoke(thread);
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // JDK 20 and later: the daemon thread stays; the handler is not run again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
