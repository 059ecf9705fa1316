package dev.walkspec.bench.call;

import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.suite.BoundedCall;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What running one handler call on a thread of its own costs, with a body that does nothing (a
 * one-call property runs one per try, shrinking included: about a hundred thousand in the matrix).
 * {@code REUSED} is {@link BoundedCall#run} (a thread taken from its pool); {@code FRESH} is the
 * version before, reproduced here: a new daemon thread per call, started and joined.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandlerCallBenchmark {
  /** Which thread runs the call. */
  public enum Thread {
    FRESH,
    REUSED
  }

  @Param({"FRESH", "REUSED"})
  public Thread thread;

  @Benchmark
  public Throwable call() throws Exception {
    Runnable body = () -> {};
    return thread == Thread.REUSED ? BoundedCall.run(body) : fresh(body);
  }

  /** The call as BoundedCall made it before its threads were reused. */
  static Throwable fresh(Runnable body) throws InterruptedException {
    Throwable[] thrown = new Throwable[1];
    java.lang.Thread runner =
        new java.lang.Thread(
            () -> {
              Actor.bind("handler");
              try {
                body.run();
              } catch (Throwable t) {
                thrown[0] = t;
              }
            },
            "walkspec-handler-call");
    runner.setDaemon(true);
    runner.start();
    while (runner.isAlive()) {
      runner.join(50);
    }
    return thrown[0];
  }
}
