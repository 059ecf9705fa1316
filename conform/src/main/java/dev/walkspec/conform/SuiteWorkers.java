package dev.walkspec.conform;

import dev.walkspec.runtime.world.LocklessReadLocks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
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
 * to whichever worker is free: this JVM (already warm, so a small run loses nothing) and worker
 * JVMs ({@link SuiteWorker}) for the other cores. Workers, not threads: jqwik keeps engine state in
 * static fields, so two engines must not share a JVM. A suite's outcome does not depend on where it
 * runs (its properties have a fixed seed, its explorations are exhaustive), so the run's outcomes
 * are those of one JVM running the classes in order: they are returned in that order.
 */
final class SuiteWorkers {
  /**
   * A worker runs hundreds of small generated suites, most of their code briefly, on cores the
   * workers keep busy, as the {@code walkspec} launcher's JVM does: the JIT compiling later than by
   * default spends less CPU on code that ends before it pays back (the matrix took 65.2 s and 64.8
   * s with it against 69.3 s and 70.6 s without, alternated, two workers), and the parallel
   * collector spends less than G1, which has concurrent work and costlier write barriers (60.6 s
   * and 61.3 s against 63.2 s and 64.0 s), and a heap of 1 GiB from the start, 600 MiB of it young,
   * is collected less often and not resized during the run (60.0 s and 60.4 s against 67.4 s and
   * 65.5 s, system time 18 s against 26 s).
   */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:CompileThresholdScaling=3", "-XX:+UseParallelGC", "-Xms1g", "-Xmn600m");

  private final Path classes;
  private final Progress progress;
  private final List<SuiteLauncher.Job> jobs;
  private final Queue<SuiteLauncher.Job> pending;
  private final Map<String, List<SuiteLauncher.TestOutcome>> byClass = new ConcurrentHashMap<>();
  private final AtomicLong schedules = new AtomicLong();
  private final Set<String> readLockers = ConcurrentHashMap.newKeySet();
  private final List<Process> processes = new ArrayList<>();

  private SuiteWorkers(Path classes, List<SuiteLauncher.Job> jobs, Progress progress) {
    this.classes = classes;
    this.progress = progress;
    this.jobs = List.copyOf(jobs);
    this.pending = new ConcurrentLinkedQueue<>(jobs);
  }

  /**
   * Runs the classes on {@code count} workers: this JVM and {@code count - 1} worker JVMs, or with
   * {@code thisJvm} false, {@code count} worker JVMs.
   */
  static SuiteLauncher.Run run(
      Path classes, List<SuiteLauncher.Job> jobs, Progress progress, int count, boolean thisJvm)
      throws Exception {
    return new SuiteWorkers(classes, jobs, progress).run(count, thisJvm);
  }

  private SuiteLauncher.Run run(int count, boolean thisJvm) throws Exception {
    ExecutorService drivers = Executors.newFixedThreadPool(count);
    progress.suitesPlanned(jobs.size());
    // The runtime notes the handlers that take the MMU lock for read in a lockless walk.
    LocklessReadLocks.clear();
    try {
      List<Future<?>> running = new ArrayList<>();
      if (thisJvm) {
        running.add(drivers.submit(this::runHere));
      }
      while (running.size() < count) {
        Process worker = start();
        running.add(drivers.submit(() -> drive(worker)));
      }
      for (Future<?> future : running) {
        try {
          future.get();
        } catch (ExecutionException e) {
          pending.clear();
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      drivers.shutdownNow();
      // Normally all have exited; after a failure (or Ctrl-C) none may outlive the run.
      synchronized (processes) {
        processes.forEach(Process::destroyForcibly);
      }
    }
    readLockers.addAll(LocklessReadLocks.handlers());
    List<SuiteLauncher.TestOutcome> outcomes = new ArrayList<>();
    jobs.forEach(job -> outcomes.addAll(byClass.getOrDefault(job.className(), List.of())));
    return new SuiteLauncher.Run(outcomes, schedules.get(), new TreeSet<>(readLockers));
  }

  /**
   * A worker JVM with this JVM's class path, walkspec's and jqwik's settings and its temporary
   * directory (a user who moved it off a small /tmp moves the workers' jqwik databases too).
   */
  private Process start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    System.getProperties().stringPropertyNames().stream()
        .filter(
            n ->
                n.startsWith("walkspec.")
                    || n.startsWith("jqwik.")
                    || n.equals("basedir")
                    || n.equals("java.io.tmpdir"))
        .sorted()
        .forEach(n -> command.add("-D" + n + "=" + System.getProperty(n)));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SuiteWorker.class.getName());
    command.add(classes.toAbsolutePath().toString());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    synchronized (processes) {
      processes.add(process);
    }
    return process;
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

  /** Feeds one worker JVM classes until none are left, collecting what it reports. */
  private Void drive(Process worker) throws IOException, InterruptedException {
    Writer toWorker = new OutputStreamWriter(worker.getOutputStream(), StandardCharsets.UTF_8);
    SuiteLauncher.Job current = next(toWorker);
    try (BufferedReader fromWorker =
        new BufferedReader(
            new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = fromWorker.readLine(); line != null; line = fromWorker.readLine()) {
        SuiteWorker.Event event = SuiteWorker.JSON.readValue(line, SuiteWorker.Event.class);
        switch (event.kind()) {
          case TEST -> record(event.toOutcome());
          case SCHEDULES -> recordSchedules(event.schedules());
          case CLASS_DONE -> {
            progress.suiteDone();
            current = next(toWorker);
          }
          case READ_LOCKERS -> readLockers.addAll(event.readLockers());
        }
      }
    }
    int exit = worker.waitFor();
    if (exit != 0 || current != null) {
      throw new IllegalStateException(
          "a suite worker exited with code "
              + exit
              + (current == null ? "" : " while running " + current.className())
              + " (its stderr is above)");
    }
    return null;
  }

  /** Sends the worker the next job, or ends its input when none is left; the job sent. */
  private SuiteLauncher.Job next(Writer toWorker) throws IOException {
    SuiteLauncher.Job job = pending.poll();
    if (job == null) {
      toWorker.close();
    } else {
      progress.suiteStarted(job.cell());
      toWorker.write(SuiteWorker.JSON.writeValueAsString(SuiteWorker.Task.of(job)) + "\n");
      toWorker.flush();
    }
    return job;
  }
}
