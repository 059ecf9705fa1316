package dev.walkspec.conform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.runtime.explore.StepRow;
import dev.walkspec.runtime.world.LocklessReadLocks;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A worker JVM of {@link SuiteWorkers}: reads a task (a compiled suite class and which of its tests
 * run) as a JSON line from stdin, runs it, reports each test's outcome and the schedules explored
 * as JSON lines on stdout, then says that the class is done and reads the next task. At the end of
 * input it reports the handlers that took the MMU lock for read in a lockless walk and exits.
 * Anything the suites or handlers print goes to stderr, so that stdout carries nothing but events.
 */
public final class SuiteWorker {
  /**
   * One line of a worker's output. Fields its kind does not have are null (and not written); a
   * test's {@code failure} is its message when it failed, {@code obligation} the one it found
   * broken when the failure names one, {@code steps} an explored counterexample's step rows; {@code
   * millis} a test's wall-clock time.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Event(
      Kind kind,
      String className,
      String method,
      String displayName,
      String failure,
      String obligation,
      long schedules,
      List<String> readLockers,
      long millis,
      List<StepRow> steps) {
    enum Kind {
      TEST,
      SCHEDULES,
      CLASS_DONE,
      READ_LOCKERS
    }

    static Event outcome(SuiteLauncher.TestOutcome outcome) {
      return new Event(
          Kind.TEST,
          outcome.className(),
          outcome.method(),
          outcome.displayName(),
          outcome.failure().map(SuiteLauncher.Failure::message).orElse(null),
          outcome.failure().flatMap(SuiteLauncher.Failure::obligation).orElse(null),
          0,
          null,
          outcome.millis(),
          outcome
              .failure()
              .map(SuiteLauncher.Failure::steps)
              .filter(l -> !l.isEmpty())
              .orElse(null));
    }

    static Event schedules(long count) {
      return new Event(Kind.SCHEDULES, null, null, null, null, null, count, null, 0, null);
    }

    static Event classDone(String className) {
      return new Event(Kind.CLASS_DONE, className, null, null, null, null, 0, null, 0, null);
    }

    static Event readLockers(List<String> handlers) {
      return new Event(Kind.READ_LOCKERS, null, null, null, null, null, 0, handlers, 0, null);
    }

    SuiteLauncher.TestOutcome toOutcome() {
      return new SuiteLauncher.TestOutcome(
          className,
          method,
          displayName,
          Optional.ofNullable(failure)
              .map(
                  message ->
                      new SuiteLauncher.Failure(message, Optional.ofNullable(obligation), steps)),
          millis);
    }
  }

  /**
   * One line of a worker's input: the suite class to run and the obligations whose tests run, or
   * null for every test ({@link SuiteLauncher.Job} without its cell, which only the driver shows).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Task(String className, Set<String> obligations) {
    static Task of(SuiteLauncher.Job job) {
      return new Task(job.className(), job.obligations().orElse(null));
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private SuiteWorker() {}

  /** {@code args[0]}: the directory of the compiled suites. */
  public static void main(String[] args) throws Exception {
    PrintStream events =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    LocklessReadLocks.clear();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (SuiteLauncher.Session session = new SuiteLauncher.Session(Path.of(args[0]))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Task task = JSON.readValue(line, Task.class);
        session.execute(
            task.className(),
            Optional.ofNullable(task.obligations()),
            new SuiteLauncher.Events(
                outcome -> send(events, Event.outcome(outcome)),
                count -> send(events, Event.schedules(count))));
        send(events, Event.classDone(task.className()));
      }
    }
    send(events, Event.readLockers(List.copyOf(LocklessReadLocks.handlers())));
    events.flush();
    // A suite may leave a non-daemon thread behind (a handler's, an actor's): the work is done.
    System.exit(0);
  }

  private static void send(PrintStream events, Event event) {
    try {
      String line = JSON.writeValueAsString(event);
      synchronized (events) {
        events.println(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
