package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.mmu.TablePage;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import dev.walkspec.runtime.trace.WorldEvent;
import dev.walkspec.runtime.trace.WorldEventSink;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs schedules of one scenario: the exploring {@link Scheduler}. Each actor is a thread of a
 * small pool kept for the whole exploration; exactly one of them runs between yield points. The
 * scheduling decision is made in the thread of the actor that reached a yield point (or blocked, or
 * finished), which then hands the turn over and parks; nothing else runs meanwhile, so the world
 * needs no other synchronisation and a schedule always gives the same run.
 */
final class Engine implements Scheduler, WorldEventSink, AutoCloseable {
  private static final int NOT_STARTED = 0;
  private static final int AT_YIELD = 1;
  private static final int BLOCKED = 2;
  private static final int RUNNING = 3;
  private static final int DONE = 4;
  private static final int SPINS = 64;
  private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
  // How long the actors of a run cut at the deadline have to reach a yield point and unwind; one
  // that does not, spins without yield points (H4), as one that makes no step for STALL_NANOS.
  private static final long UNWIND_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int BLAME_WINDOW = 1000;

  private final Scenario scenario;
  private final List<Invariant> invariants;
  private final Budget budget;
  private final Worker[] workers;
  private boolean broken;

  Engine(Scenario scenario, List<Invariant> invariants, Budget budget) {
    this.scenario = scenario;
    this.invariants = List.copyOf(invariants);
    this.budget = budget;
    this.workers = new Worker[scenario.actorCount()];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker(this, i, "walkspec-explore " + scenario.actorName(i));
      workers[i].start();
    }
  }

  Scenario scenario() {
    return scenario;
  }

  /** Whether an actor thread of an earlier run never returned (the engine cannot run again). */
  boolean broken() {
    return broken;
  }

  /** Runs one schedule on a fresh world; {@code detailed} records what a report shows. */
  RunOutcome execute(Chooser chooser, boolean detailed, long deadlineNanos) {
    if (broken) {
      throw new IllegalStateException("an actor of an earlier run never returned");
    }
    World world = scenario.world().create(this, this);
    Actor.bind("setup");
    scenario.setup().accept(world);
    Actor.bind(Thread.currentThread().getName());
    Run r = new Run(world, chooser, detailed);
    for (Worker worker : workers) {
      worker.task = r;
      LockSupport.unpark(worker);
    }
    r.awaitEnd(deadlineNanos);
    if (r.chooserError != null) {
      throw r.chooserError;
    }
    if (r.failure == null && !r.pruned && !r.cut && r.active.get() == 0) {
      r.endOfRun();
    }
    return new RunOutcome(
        r.trace,
        r.decisions,
        r.chosen,
        r.failure,
        r.pruned,
        r.cut && r.failure == null,
        r.preemptions,
        world.codec());
  }

  @Override
  public void close() {
    for (Worker worker : workers) {
      worker.shutdown = true;
      LockSupport.unpark(worker);
    }
  }

  // ---- Scheduler -------------------------------------------------------------------------------

  @Override
  public void yieldPoint(Op op, Shared target, long index) {
    Run r = runOfCaller();
    if (r != null) {
      r.arrive(((Worker) Thread.currentThread()).index, op, target, index);
    }
  }

  @Override
  public void block(Blocked blocked, int attempt) {
    Run r = runOfCaller();
    if (r == null) {
      if (blocked.ready().getAsBoolean()) {
        return;
      }
      throw new IllegalStateException(
          "setup would wait, but nothing else runs during setup: " + blocked.describe());
    }
    r.blockOn(((Worker) Thread.currentThread()).index, blocked);
  }

  @Override
  public boolean cooperative() {
    return true;
  }

  // ---- WorldEventSink --------------------------------------------------------------------------

  @Override
  public void emit(WorldEvent event) {
    Run r = runOfCaller();
    if (r != null) {
      r.event(((Worker) Thread.currentThread()).index, event);
    }
  }

  @Override
  public boolean enabled() {
    return true;
  }

  private Run runOfCaller() {
    Thread thread = Thread.currentThread();
    if (!(thread instanceof Worker)) {
      return null;
    }
    Worker worker = (Worker) thread;
    return worker.engine == this ? worker.current : null;
  }

  /** Unwinds an actor thread when its run is over early. */
  static final class Abort extends Error {
    private static final long serialVersionUID = 1L;

    Abort() {
      super("run aborted", null, false, false);
    }
  }

  private static final Abort ABORT = new Abort();

  /** One actor thread of the pool. */
  private static final class Worker extends Thread {
    final Engine engine;
    final int index;
    volatile Run task;
    volatile Run current;
    volatile boolean shutdown;

    Worker(Engine engine, int index, String name) {
      super(name);
      this.engine = engine;
      this.index = index;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!shutdown) {
        Run r = task;
        if (r == null) {
          LockSupport.park(this);
          continue;
        }
        task = null;
        current = r;
        try {
          r.perform(index);
        } finally {
          current = null;
          r.left();
        }
      }
    }
  }

  /** One run: the state of every actor, the steps taken, and how it ended. */
  private final class Run implements RunContext {
    final World world;
    final Chooser chooser;
    final boolean detailed;
    final int n = workers.length;
    final Actor[] actors = new Actor[n];
    final int[] state = new int[n];
    final Op[] pendingOp = new Op[n];
    final Shared[] pendingTarget = new Shared[n];
    final long[] pendingIndex = new long[n];
    final StepKey[] pendingKey = new StepKey[n];
    final String[] pendingCall = new String[n];
    final Blocked[] blocked = new Blocked[n];
    final Step[] openStep = new Step[n];
    final int[] violatedAt = new int[n];
    final RuleViolation[] violations = new RuleViolation[n];
    final List<Step> trace = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();
    final List<Integer> chosen = new ArrayList<>();
    final List<Monitor> monitors = new ArrayList<>();
    final AtomicInteger active = new AtomicInteger(n);
    final Thread driver = Thread.currentThread();
    volatile int turn;
    volatile boolean aborted;
    volatile int progress;
    volatile Failure failure;
    volatile RuntimeException chooserError;
    volatile boolean cut;
    boolean prelude = true;
    boolean pruned;
    int current = -1;
    int preemptions;

    Run(World world, Chooser chooser, boolean detailed) {
      this.world = world;
      this.chooser = chooser;
      this.detailed = detailed;
      for (Invariant invariant : invariants) {
        monitors.add(invariant.monitor(this));
      }
    }

    // ---- RunContext ----

    @Override
    public World world() {
      return world;
    }

    @Override
    public int actorCount() {
      return n;
    }

    @Override
    public String actorName(int actor) {
      return scenario.actorName(actor);
    }

    @Override
    public Actor actor(int actor) {
      return actors[actor];
    }

    @Override
    public int actorIndex(String name) {
      return scenario.actorNames().indexOf(name);
    }

    @Override
    public int steps() {
      return trace.size();
    }

    // ---- the actor threads ----

    void perform(int self) {
      try {
        actors[self] = Actor.bind(scenario.actorName(self));
        RuleViolation.watchThisThread(v -> violated(self, v));
        awaitTurn(self);
        Throwable thrown = null;
        try {
          scenario.actorBody(self).accept(world);
        } catch (Abort abort) {
          throw abort;
        } catch (Throwable t) {
          thrown = t;
        }
        finish(self, thrown);
      } catch (Abort abort) {
        // the run ended early; this thread only had to unwind
      } finally {
        RuleViolation.watchThisThread(null);
      }
    }

    /** A rule check failed in the actor's open step (unwinding may take more steps). */
    private void violated(int self, RuleViolation violation) {
      Step step = openStep[self];
      if (violatedAt[self] == 0 && step != null) {
        violatedAt[self] = step.number();
        violations[self] = violation;
        step.failed = true;
        if (detailed) {
          step.note(RuntimeCall.find(step.op()) + " fails: " + violation.rule());
        }
      }
    }

    void left() {
      if (active.decrementAndGet() == 0) {
        LockSupport.unpark(driver);
      }
    }

    /** The actor reached a yield point: its previous step is over and it wants to do op. */
    void arrive(int self, Op op, Shared target, long index) {
      checkAborted();
      stepEnded(self);
      pendingOp[self] = op;
      pendingTarget[self] = target;
      pendingIndex[self] = index;
      pendingKey[self] = new StepKey(op, target.sharedName(), index);
      if (detailed) {
        pendingCall[self] = RuntimeCall.find(op);
      }
      state[self] = AT_YIELD;
      handOver(self, true);
    }

    /** The actor cannot go on: its step is over, it waits until {@code why} may be ready. */
    void blockOn(int self, Blocked why) {
      checkAborted();
      Step attempt = openStep[self];
      stepEnded(self);
      if (attempt != null) {
        attempt.blockedOn = why.describe();
      }
      blocked[self] = why;
      pendingOp[self] = why.op();
      pendingTarget[self] = why.target();
      pendingIndex[self] = -1;
      pendingKey[self] = new StepKey(why.op(), why.target().sharedName(), -1);
      if (detailed) {
        pendingCall[self] = RuntimeCall.find(why.op());
      }
      state[self] = BLOCKED;
      handOver(self, true);
      blocked[self] = null;
    }

    void finish(int self, Throwable thrown) {
      if (aborted) {
        return;
      }
      if (!stepEndedQuietly(self)) {
        return;
      }
      if (thrown != null) {
        fail(fromThrowable(self, thrown));
        return;
      }
      for (Monitor monitor : monitors) {
        try {
          monitor.actorFinished(self);
        } catch (Violation v) {
          fail(fromViolation(self, trace.size(), v));
          return;
        }
      }
      state[self] = DONE;
      try {
        handOver(self, false);
      } catch (Abort abort) {
        // a failure found while deciding; the run is over
      }
    }

    void event(int self, WorldEvent event) {
      if (aborted) {
        return;
      }
      Step step = openStep[self];
      if (detailed && step != null) {
        String note = Notes.render(event);
        if (note != null) {
          step.note(note);
        }
      }
      for (Monitor monitor : monitors) {
        try {
          monitor.event(step, event);
        } catch (Violation v) {
          fail(fromViolation(self, step == null ? trace.size() : step.number(), v));
          throw ABORT;
        }
      }
    }

    // ---- scheduling ----

    /** Passes the turn on: in the prelude to the next actor, else to the one the chooser picks. */
    private void handOver(int self, boolean wait) {
      if (prelude) {
        int next = self + 1;
        if (next < n) {
          turn = next;
          LockSupport.unpark(workers[next]);
          if (wait) {
            awaitTurn(self);
          }
          return;
        }
        prelude = false;
      }
      decide(self, wait);
    }

    private void decide(int self, boolean wait) {
      checkAborted();
      Decision decision = decision();
      if (decision.enabled == 0) {
        if (allDone()) {
          return;
        }
        fail(Deadlocks.failure(this, blocked, state, BLOCKED));
        throw ABORT;
      }
      int next;
      try {
        next = chooser.choose(decision);
      } catch (RuntimeException e) {
        chooserError = e;
        pruned = true;
        abort();
        throw ABORT;
      }
      if (next == Chooser.STOP) {
        pruned = true;
        abort();
        throw ABORT;
      }
      if (next < 0 || next >= n || !decision.enabled(next)) {
        fail(
            new Failure(
                "explorer",
                List.of(),
                "schedule",
                "the schedule picks actor "
                    + next
                    + ", which cannot run at step "
                    + (trace.size() + 1),
                next,
                trace.size()));
        throw ABORT;
      }
      decisions.add(decision);
      chosen.add(next);
      beginStep(next, decision);
      if (next != self) {
        turn = next;
        LockSupport.unpark(workers[next]);
        if (wait) {
          awaitTurn(self);
        }
      }
    }

    /**
     * Who may take the next step. An actor about to take a lock that another holds is left out
     * while someone else can run: running it would only make it wait, spending a preemption on a
     * schedule that reaches nothing new (the same states follow once the lock is free). When no one
     * else can run it stays in, so a deadlock is still run into and reported as before.
     */
    private Decision decision() {
      int enabled = 0;
      int useful = 0;
      StepKey[] keys = new StepKey[n];
      StepKey[] pending = new StepKey[n];
      for (int a = 0; a < n; a++) {
        if (state[a] == AT_YIELD || state[a] == BLOCKED) {
          pending[a] = pendingKey[a];
        }
        boolean can =
            state[a] == AT_YIELD || (state[a] == BLOCKED && blocked[a].ready().getAsBoolean());
        if (can) {
          enabled |= 1 << a;
          keys[a] = pendingKey[a];
          if (!(state[a] == AT_YIELD && wouldOnlyWait(a))) {
            useful |= 1 << a;
          }
        }
      }
      return new Decision(
          trace.size(), current, useful != 0 ? useful : enabled, keys, pending, preemptions);
    }

    private boolean wouldOnlyWait(int actor) {
      Shared target = pendingTarget[actor];
      return target != null && target.wouldWait(pendingOp[actor]);
    }

    private boolean allDone() {
      for (int a = 0; a < n; a++) {
        if (state[a] != DONE) {
          return false;
        }
      }
      return true;
    }

    private void beginStep(int next, Decision decision) {
      boolean resumed = state[next] == BLOCKED;
      boolean preempts = decision.preempts(next);
      if (preempts) {
        preemptions++;
      }
      StepKey key = pendingKey[next];
      Step step =
          new Step(
              trace.size() + 1,
              next,
              scenario.actorName(next),
              pendingOp[next],
              pendingTarget[next],
              key.target(),
              pendingIndex[next],
              resumed,
              preempts);
      trace.add(step);
      openStep[next] = step;
      current = next;
      state[next] = RUNNING;
      progress++;
      if (detailed) {
        step.call = pendingCall[next];
        if (step.target() instanceof TablePage && step.index() >= 0) {
          step.before = ((TablePage) step.target()).peek((int) step.index());
        }
      }
      if (trace.size() > budget.stepsPerRun()) {
        fail(Budgets.unbounded(this, trace, budget.stepsPerRun(), BLAME_WINDOW));
        throw ABORT;
      }
      for (Monitor monitor : monitors) {
        try {
          monitor.beforeStep(step);
        } catch (Violation v) {
          fail(fromViolation(next, step.number(), v));
          throw ABORT;
        }
      }
    }

    private void stepEnded(int self) {
      if (!stepEndedQuietly(self)) {
        throw ABORT;
      }
    }

    /** Ends the actor's open step; false when a monitor found a violation (run aborted). */
    private boolean stepEndedQuietly(int self) {
      Step step = openStep[self];
      if (step == null) {
        return true;
      }
      openStep[self] = null;
      if (detailed && step.target() instanceof TablePage && step.index() >= 0) {
        step.after = ((TablePage) step.target()).peek((int) step.index());
      }
      for (Monitor monitor : monitors) {
        try {
          monitor.afterStep(step);
        } catch (Violation v) {
          fail(fromViolation(self, step.number(), v));
          return false;
        }
      }
      return true;
    }

    private void awaitTurn(int self) {
      for (int spin = 0; spin < SPINS && turn != self && !aborted; spin++) {
        Thread.onSpinWait();
      }
      while (turn != self) {
        checkAborted();
        LockSupport.park(this);
      }
      checkAborted();
    }

    private void checkAborted() {
      if (aborted) {
        throw ABORT;
      }
    }

    void fail(Failure found) {
      synchronized (this) {
        if (failure == null && !pruned) {
          failure = found;
        }
      }
      abort();
    }

    private void abort() {
      aborted = true;
      for (Worker worker : workers) {
        LockSupport.unpark(worker);
      }
      LockSupport.unpark(driver);
    }

    // ---- the driver ----

    /**
     * Waits until every actor thread left the run (turn starts at 0: actor 0 goes first). A run
     * still going at {@code deadlineNanos} is cut: its actors unwind at their next yield point and
     * the run counts as neither a pass nor a failure (issue 19: the search then stops on its
     * budget, inconclusive). An actor that makes no step for {@link #STALL_NANOS}, or does not
     * unwind within {@link #UNWIND_NANOS} of a cut, never reaches a yield point: H4.
     */
    void awaitEnd(long deadlineNanos) {
      int seen = progress;
      long lastChange = System.nanoTime();
      long cutAt = 0;
      while (active.get() > 0) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(20));
        long now = System.nanoTime();
        if (progress != seen) {
          seen = progress;
          lastChange = now;
        }
        if (!aborted && now - deadlineNanos > 0 && now - lastChange <= STALL_NANOS) {
          cut = true;
          cutAt = now;
          abort();
        } else if ((!aborted && now - lastChange > STALL_NANOS)
            || (cut && failure == null && now - cutAt > UNWIND_NANOS)) {
          int stuck = turn;
          fail(
              new Failure(
                  "H4",
                  List.of(),
                  "no yield point",
                  "H4: actor '"
                      + scenario.actorName(stuck)
                      + "' ran for "
                      + TimeUnit.NANOSECONDS.toSeconds(now - lastChange)
                      + " s without reaching a yield point: it spins without touching shared state"
                      + where(workers[stuck]),
                  stuck,
                  trace.size()));
          long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
          while (active.get() > 0 && System.nanoTime() - giveUp < 0) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10));
          }
          if (active.get() > 0) {
            broken = true;
          }
          return;
        }
      }
    }

    /**
     * Where a spinning actor's thread is: its innermost frame outside the JDK (the handler's loop,
     * as a stack trace names it), so that the H4 report points at the code to fix.
     */
    private String where(Worker spinner) {
      for (StackTraceElement frame : spinner.getStackTrace()) {
        String type = frame.getClassName();
        if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
          // Not frame.toString(): that adds the class loader's name ("app//").
          return " (it was at "
              + type
              + "."
              + frame.getMethodName()
              + "("
              + frame.getFileName()
              + ":"
              + frame.getLineNumber()
              + "))";
        }
      }
      return "";
    }

    void endOfRun() {
      for (Monitor monitor : monitors) {
        try {
          monitor.endOfRun();
        } catch (Violation v) {
          failure = fromViolation(-1, trace.size(), v);
          return;
        }
      }
    }

    private Failure fromThrowable(int self, Throwable thrown) {
      int step = trace.size();
      Step open = lastStepOf(self);
      if (open != null) {
        step = open.number();
      }
      if (thrown instanceof RuleViolation) {
        RuleViolation violation = (RuleViolation) thrown;
        if (violations[self] == violation) {
          step = violatedAt[self];
        }
        return new Failure(
            violation.rule(), List.of(), "runtime check", violation.getMessage(), self, step);
      }
      if (thrown instanceof Violation) {
        return fromViolation(self, step, (Violation) thrown);
      }
      String message = thrown.getMessage();
      return new Failure(
          scenario.uncaughtExceptionBreaks(),
          List.of(),
          "uncaught " + thrown.getClass().getSimpleName(),
          "actor '"
              + scenario.actorName(self)
              + "' threw "
              + thrown.getClass().getName()
              + (message == null ? "" : ": " + message),
          self,
          step);
    }

    private Step lastStepOf(int actor) {
      for (int i = trace.size() - 1; i >= 0; i--) {
        if (trace.get(i).actor() == actor) {
          return trace.get(i);
        }
      }
      return null;
    }

    private Failure fromViolation(int actor, int step, Violation v) {
      return new Failure(v.obligation(), v.related(), v.rule(), v.getMessage(), actor, step);
    }
  }
}
