package dev.walkspec.runtime.testing;

import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A minimal cooperative scheduler that proves the yield hook: actors are threads, exactly one runs
 * between yield points, and a fixed hand-written script says who runs for how many steps. Blocked
 * actors are skipped; when every live actor is blocked, the run stops and reports a deadlock. The
 * explorer (a later issue) replaces the script by its strategies.
 */
public final class ScriptedScheduler implements Scheduler {
  private static final int UNBOUNDED = -1;
  private static final long JOIN_MILLIS = 20_000;

  private final Object monitor = new Object();
  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final Map<Thread, Run> byThread = new ConcurrentHashMap<>();
  private final Deque<Turn> script = new ArrayDeque<>();
  private final List<String> log = new ArrayList<>();
  private Run running;
  private int budget;
  private boolean aborted;
  private String deadlock;

  private record Turn(String actor, int steps) {}

  private static final class Run {
    final String name;
    final Runnable body;
    Thread thread;
    boolean done;
    Blocked blocked;
    Throwable failure;

    Run(String name, Runnable body) {
      this.name = name;
      this.body = body;
    }
  }

  /** Thrown in actor threads to unwind them once the run is aborted (deadlock). */
  private static final class Aborted extends Error {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("run aborted", null, false, false);
    }
  }

  /** What a run produced. */
  public record Outcome(List<String> log, String deadlock, Map<String, Throwable> failures) {
    /** Steps of one actor, in order, without the actor prefix. */
    public List<String> stepsOf(String actor) {
      String prefix = actor + ": ";
      return log.stream()
          .filter(line -> line.startsWith(prefix))
          .map(line -> line.substring(prefix.length()))
          .collect(Collectors.toList());
    }

    /** Index of the first log line containing {@code text}, or -1. */
    public int indexOf(String text) {
      for (int i = 0; i < log.size(); i++) {
        if (log.get(i).contains(text)) {
          return i;
        }
      }
      return -1;
    }
  }

  public ScriptedScheduler actor(String name, Runnable body) {
    runs.put(name, new Run(name, body));
    return this;
  }

  /** {@code actor} runs {@code steps} yield points (then the next turn starts). */
  public ScriptedScheduler then(String actor, int steps) {
    script.add(new Turn(actor, steps));
    return this;
  }

  /** {@code actor} runs until it blocks or finishes. */
  public ScriptedScheduler thenRun(String actor) {
    script.add(new Turn(actor, UNBOUNDED));
    return this;
  }

  @Override
  public boolean cooperative() {
    return true;
  }

  @Override
  public void yieldPoint(Op op, Shared target, long index) {
    Run me = byThread.get(Thread.currentThread());
    if (me == null) {
      return;
    }
    synchronized (monitor) {
      while (true) {
        checkAborted();
        if (running == me && budget != 0) {
          if (budget > 0) {
            budget--;
          }
          break;
        }
        advance(me);
        awaitTurn(me);
      }
      log.add(
          me.name
              + ": "
              + op.render()
              + " "
              + target.sharedName()
              + (index >= 0 ? "[" + index + "]" : ""));
    }
  }

  @Override
  public void block(Blocked blocked, int attempt) {
    Run me = byThread.get(Thread.currentThread());
    if (me == null) {
      throw new IllegalStateException("a non-actor thread would block: " + blocked.describe());
    }
    synchronized (monitor) {
      checkAborted();
      me.blocked = blocked;
      log.add(me.name + ": " + blocked.describe());
      budget = 0;
      advance(me);
      awaitTurn(me);
      me.blocked = null;
    }
  }

  /** Runs every actor to completion (or deadlock) following the script. */
  public Outcome run() {
    List<Thread> threads = new ArrayList<>();
    for (Run run : runs.values()) {
      run.thread = new Thread(() -> body(run), run.name);
      byThread.put(run.thread, run);
      threads.add(run.thread);
    }
    synchronized (monitor) {
      advance(null);
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      try {
        thread.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for actors", e);
      }
      if (thread.isAlive()) {
        throw new IllegalStateException("actor " + thread.getName() + " hangs; log: " + log());
      }
    }
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (Run run : runs.values()) {
      if (run.failure != null) {
        failures.put(run.name, run.failure);
      }
    }
    synchronized (monitor) {
      return new Outcome(List.copyOf(log), deadlock, failures);
    }
  }

  private List<String> log() {
    synchronized (monitor) {
      return List.copyOf(log);
    }
  }

  private void body(Run me) {
    Actor.bind(me.name);
    try {
      synchronized (monitor) {
        awaitTurn(me);
      }
      me.body.run();
    } catch (Aborted aborted) {
      return;
    } catch (Throwable failure) {
      me.failure = failure;
    }
    synchronized (monitor) {
      me.done = true;
      log.add(me.name + ": done");
      if (running == me) {
        try {
          advance(me);
        } catch (Aborted aborted) {
          // the deadlock is recorded; nothing else to do in this thread
        }
      }
    }
  }

  /** Hands the CPU to the next runnable actor of the script, else to any runnable actor. */
  private void advance(Run current) {
    while (!script.isEmpty()) {
      Turn turn = script.poll();
      Run next = runs.get(turn.actor());
      if (next == null) {
        throw new IllegalArgumentException("script names unknown actor " + turn.actor());
      }
      if (runnable(next)) {
        switchTo(next, turn.steps());
        return;
      }
      log.add("scheduler: skip turn of " + turn.actor() + (next.done ? " (done)" : " (blocked)"));
    }
    if (current != null && runnable(current)) {
      switchTo(current, UNBOUNDED);
      return;
    }
    for (Run run : runs.values()) {
      if (runnable(run)) {
        switchTo(run, UNBOUNDED);
        return;
      }
    }
    running = null;
    if (runs.values().stream().anyMatch(run -> !run.done)) {
      deadlock =
          runs.values().stream()
              .filter(run -> !run.done)
              .map(run -> "'" + run.name + "' " + run.blocked.describe())
              .collect(Collectors.joining("; "));
      log.add("scheduler: deadlock: " + deadlock);
      aborted = true;
      monitor.notifyAll();
      throw new Aborted();
    }
    monitor.notifyAll();
  }

  private void switchTo(Run next, int steps) {
    running = next;
    budget = steps;
    monitor.notifyAll();
  }

  private boolean runnable(Run run) {
    return !run.done && (run.blocked == null || run.blocked.ready().getAsBoolean());
  }

  private void awaitTurn(Run me) {
    while (running != me && !aborted) {
      try {
        monitor.wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Aborted();
      }
    }
    checkAborted();
  }

  private void checkAborted() {
    if (aborted) {
      throw new Aborted();
    }
  }
}
