package dev.walkspec.conform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.runtime.explore.StepRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What an {@link IsolatedWorker} runs, in its own copy: takes a task (a compiled suite class and
 * which of its tests run) as a JSON line, runs it, reports each test's outcome and the schedules
 * explored as JSON lines, then says that the class is done and takes the next task. JSON lines,
 * because the worker's classes are not the driver's: only JDK types cross between them.
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
      long millis,
      List<StepRow> steps) {
    enum Kind {
      TEST,
      SCHEDULES,
      CLASS_DONE
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
          outcome.millis(),
          outcome
              .failure()
              .map(SuiteLauncher.Failure::steps)
              .filter(l -> !l.isEmpty())
              .orElse(null));
    }

    static Event schedules(long count) {
      return new Event(Kind.SCHEDULES, null, null, null, null, null, count, 0, null);
    }

    static Event classDone(String className) {
      return new Event(Kind.CLASS_DONE, className, null, null, null, null, 0, 0, null);
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

  /**
   * Runs the tasks {@code tasks} gives (a JSON line each, null at the end) on the suites compiled
   * into {@code classes}, and passes each event to {@code events} as a JSON line (from whichever
   * thread reports it). Only JDK types in its signature: an {@link IsolatedWorker} calls it on its
   * own copy of this class, loaded by a class loader of its own.
   */
  public static void serve(String classes, Callable<String> tasks, Consumer<String> events)
      throws Exception {
    try (SuiteLauncher.Session session = new SuiteLauncher.Session(Path.of(classes))) {
      for (String line = tasks.call(); line != null; line = tasks.call()) {
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
  }

  private static void send(Consumer<String> events, Event event) {
    try {
      events.accept(JSON.writeValueAsString(event));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
