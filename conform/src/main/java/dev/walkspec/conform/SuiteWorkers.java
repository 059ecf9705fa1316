package dev.walkspec.conform;

import dev.walkspec.runtime.world.LocklessReadLocks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs compiled suites on several workers at once, one class at a time each, the next class going
 * to whichever worker is free: this JVM's own launcher session (already warm, so a small run loses
 * nothing) and, for the other cores, {@link IsolatedWorker}s: threads of this JVM with copies of
 * jqwik, JUnit and the harness of their own (jqwik keeps engine state in static fields, so two
 * engines must not share those classes) and this JVM's runtime, explorer and handlers, so that the
 * code the matrix spends its time in is compiled once (issue 19 item 2: the matrix took 49.5 s
 * against 60.6 s with a worker JVM per further core, on average over five alternated pairs, user
 * CPU 82 s against 105 s; docs/benchmarks.md). A suite's outcome does not depend on where it runs
 * (its properties have a fixed seed, its explorations are exhaustive), so the run's outcomes are
 * those of one worker running the classes in order: they are returned in that order.
 */
final class SuiteWorkers {
  private final Path classes;
  private final Progress progress;
  private final List<SuiteLauncher.Job> jobs;
  private final Queue<SuiteLauncher.Job> pending;
  private final Map<String, List<SuiteLauncher.TestOutcome>> byClass = new ConcurrentHashMap<>();
  private final AtomicLong schedules = new AtomicLong();

  private SuiteWorkers(Path classes, List<SuiteLauncher.Job> jobs, Progress progress) {
    this.classes = classes;
    this.progress = progress;
    this.jobs = List.copyOf(jobs);
    this.pending = new ConcurrentLinkedQueue<>(jobs);
  }

  /**
   * Runs the classes on {@code count} workers: this JVM's session and {@code count - 1} isolated
   * workers, or with {@code thisJvm} false, {@code count} isolated workers.
   */
  static SuiteLauncher.Run run(
      Path classes, List<SuiteLauncher.Job> jobs, Progress progress, int count, boolean thisJvm)
      throws Exception {
    return new SuiteWorkers(classes, jobs, progress).run(count, thisJvm);
  }

  private SuiteLauncher.Run run(int count, boolean thisJvm) throws Exception {
    ExecutorService drivers = Executors.newFixedThreadPool(count);
    progress.suitesPlanned(jobs.size());
    // The runtime notes the handlers that take the MMU lock for read in a lockless walk; every
    // worker shares the runtime (IsolatedWorker.SHARED), so the notes of all land in one set.
    LocklessReadLocks.clear();
    try {
      List<Future<?>> running = new ArrayList<>();
      List<IsolatedWorker> isolated = new ArrayList<>();
      if (thisJvm) {
        running.add(drivers.submit(this::runHere));
      }
      while (running.size() < count) {
        IsolatedWorker worker = IsolatedWorker.start(classes, "walkspec-worker-" + running.size());
        isolated.add(worker);
        running.add(drivers.submit(() -> drive(worker)));
      }
      try {
        for (Future<?> future : running) {
          try {
            future.get();
          } catch (ExecutionException e) {
            pending.clear();
            throw e.getCause() instanceof Exception cause ? cause : e;
          }
        }
      } finally {
        // After a failure, a worker still waiting for its next class must not wait for ever.
        isolated.forEach(worker -> worker.send(null));
      }
    } finally {
      drivers.shutdownNow();
    }
    List<SuiteLauncher.TestOutcome> outcomes = new ArrayList<>();
    jobs.forEach(job -> outcomes.addAll(byClass.getOrDefault(job.className(), List.of())));
    return new SuiteLauncher.Run(
        outcomes, schedules.get(), new TreeSet<>(LocklessReadLocks.handlers()));
  }

  /** Runs classes in this JVM until none are left. */
  private Void runHere() throws Exception {
    try (SuiteLauncher.Session session = new SuiteLauncher.Session(classes)) {
      for (SuiteLauncher.Job job = pending.poll(); job != null; job = pending.poll()) {
        progress.suiteStarted(job.cell());
        session.execute(
            job.className(),
            job.obligations(),
            new SuiteLauncher.Events(this::record, this::recordSchedules));
        progress.suiteDone();
      }
    }
    return null;
  }

  private void record(SuiteLauncher.TestOutcome outcome) {
    byClass.computeIfAbsent(outcome.className(), c -> new ArrayList<>()).add(outcome);
    progress.testDone(outcome.displayName(), outcome.failure().isEmpty());
  }

  private void recordSchedules(long count) {
    schedules.addAndGet(count);
    progress.schedulesDone(count);
  }

  /** Feeds one isolated worker classes until none are left, collecting what it reports. */
  private Void drive(IsolatedWorker worker) throws Exception {
    SuiteLauncher.Job current = next(worker);
    for (String line = worker.receive(); line != null; line = worker.receive()) {
      SuiteWorker.Event event = SuiteWorker.JSON.readValue(line, SuiteWorker.Event.class);
      switch (event.kind()) {
        case TEST -> record(event.toOutcome());
        case SCHEDULES -> recordSchedules(event.schedules());
        case CLASS_DONE -> {
          progress.suiteDone();
          current = next(worker);
        }
      }
    }
    Throwable failure = worker.failure();
    if (failure != null || current != null) {
      throw new IllegalStateException(
          "a suite worker stopped"
              + (current == null ? "" : " while running " + current.className())
              + (failure == null ? "" : ": " + failure),
          failure);
    }
    return null;
  }

  /** Sends the worker the next job, or tells it that none is left; the job sent. */
  private SuiteLauncher.Job next(IsolatedWorker worker) throws IOException {
    SuiteLauncher.Job job = pending.poll();
    if (job == null) {
      worker.send(null);
    } else {
      progress.suiteStarted(job.cell());
      worker.send(SuiteWorker.JSON.writeValueAsString(SuiteWorker.Task.of(job)));
    }
    return job;
  }
}
