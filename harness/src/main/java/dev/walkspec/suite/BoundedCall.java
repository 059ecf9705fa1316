package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.sched.Actor;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Runs one handler call on a thread that runs nothing else meanwhile and waits for it within a
 * wall-clock bound, so a handler that spins without ever touching shared state (which {@link
 * CallBudget} would count) or allocates without bound between two such touches fails the check
 * instead of hanging the build. The threads are reused from call to call (a matrix makes about a
 * hundred thousand calls, and starting a thread cost about five times a hand-over here), each call
 * with a fresh actor, the caller's context class loader and no interrupt left over; a handler keeps
 * no state in its thread, as a kernel handler runs on whatever task triggered the walk. An
 * abandoned call's thread is stopped where the JDK still can ({@code Thread.stop}, JDK 17 to 19);
 * on later JDKs it is left running as a daemon, a new thread takes the next call, and the suite
 * does not run that handler again.
 */
@API(status = INTERNAL)
public final class BoundedCall {
  /** The wall-clock bound: {@code -Dwalkspec.suite.callTimeoutSeconds} (default 60). */
  static Duration timeout() {
    return Duration.ofSeconds(Long.getLong("walkspec.suite.callTimeoutSeconds", 60));
  }

  /** Idle threads end after a minute; a busy (abandoned) one is never handed another call. */
  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "walkspec-handler-call");
            thread.setDaemon(true);
            return thread;
          });

  /** A call given up on: it did not return within the bound, or allocated without bound. */
  public static final class Abandoned extends Exception {
    private static final long serialVersionUID = 1L;

    Abandoned(String message) {
      super(message);
    }
  }

  /** The thread running a call and what it had allocated when the call began. */
  private record Runner(Thread thread, long startBytes) {}

  private BoundedCall() {}

  /** Runs {@code body}; returns what it threw (null when it returned). */
  public static Throwable run(Runnable body) throws Abandoned {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    AtomicReference<Runner> runner = new AtomicReference<>();
    Future<Throwable> call =
        THREADS.submit(
            () -> {
              // The pool clears an interrupt a call left before it hands its thread another.
              Thread me = Thread.currentThread();
              me.setContextClassLoader(loader);
              runner.set(new Runner(me, ThreadAllocation.bytes(me)));
              Actor.bind("handler");
              try {
                body.run();
                return null;
              } catch (Throwable t) {
                return t;
              } finally {
                me.setContextClassLoader(null);
              }
            });
    long deadline = System.nanoTime() + timeout().toNanos();
    try {
      while (true) {
        try {
          return call.get(50, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          // checked below
        }
        Runner running = runner.get();
        long allocated =
            running == null ? 0 : ThreadAllocation.bytes(running.thread()) - running.startBytes();
        if (allocated > 4 * CallBudget.MAX_BYTES) {
          stop(running.thread(), call);
          throw new Abandoned(
              "the handler allocated more than "
                  + (4 * CallBudget.MAX_BYTES >> 20)
                  + " MiB in one call without touching shared state: it allocates without bound");
        }
        if (System.nanoTime() - deadline > 0) {
          stop(running == null ? null : running.thread(), call);
          throw new Abandoned(
              "the handler did not return within "
                  + timeout().toSeconds()
                  + " s, without touching shared state for the last of them: it spins or waits"
                  + " forever (budget: -Dwalkspec.suite.callTimeoutSeconds)");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Runner running = runner.get();
      stop(running == null ? null : running.thread(), call);
      throw new Abandoned("interrupted while waiting for the handler");
    } catch (ExecutionException e) {
      // The task catches every throwable of the handler; this is the harness's own failure.
      throw new IllegalStateException("the handler call's task failed", e.getCause());
    }
  }

  /**
   * Thread.stop where it still works, by reflection so that no JDK's deprecation applies; a call
   * not started yet is cancelled.
   */
  private static void stop(Thread thread, Future<Throwable> call) {
    if (thread == null) {
      call.cancel(false);
      return;
    }
    if (call.isDone()) {
      // It returned after all, and its thread may be running another call by now.
      return;
    }
    try {
      Thread.class.getMethod("stop").invoke(thread);
      call.get(5, TimeUnit.SECONDS);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // JDK 20 and later: the daemon thread stays; the handler is not run again.
    } catch (ExecutionException | TimeoutException e) {
      // Stopped or still stopping: the call is abandoned either way.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
