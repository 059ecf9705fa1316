package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The one place that says how walkspec judges each obligation the spec declares: by a one-call
 * property (a pure function of the call and the tables around it, {@link TableJudges}) or by the
 * explored scenarios; the runtime's own checks (H1, H2, H7, H8) run in every call of both. The spec
 * says what an obligation is and where it applies; this registry says how it is checked. The
 * generator makes a property of every one-call judge that applies to a binding, the suites explore
 * every explored one, and the matrix and the reports read the same entries: adding an obligation is
 * a line of the spec and an entry here.
 */
@API(status = INTERNAL)
public final class Judges {
  private Judges() {}

  /** How an obligation is judged. */
  public enum By {
    /** A property that draws page-table states and checks one handler call on each. */
    ONE_CALL,
    /**
     * The concurrent scenarios, every schedule up to the preemption bound (and the runtime's own
     * checks, which run in every call of every property and scenario).
     */
    EXPLORED
  }

  /**
   * What a one-call property's call runs against, besides the drawn state: hardware that races
   * every compare-and-swap (H4), or a task waiting for the MMU lock with may_block set where the
   * operation leaves it to the caller (H14, drawn from long runs of young pages).
   */
  public enum Condition {
    RACING_HARDWARE,
    LOCK_WAITER
  }

  /**
   * How one obligation is judged: by what, in which conditions, and, for a one-call property, the
   * judge that reads the call (none where the runtime judges during the call: H4, H14).
   */
  public record Judge(
      String id, Set<By> by, Set<Condition> conditions, String how, Optional<OneCall> oneCall) {
    public Judge {
      by = Set.copyOf(by);
      conditions = Set.copyOf(conditions);
    }

    public boolean has(Condition condition) {
      return conditions.contains(condition);
    }
  }

  /**
   * The obligation an uncaught exception in a lockless walk breaks: entries may vanish under a
   * lockless walker, which must skip them without warnings or errors (H6), so a handler that throws
   * in an explored scenario with concurrent zaps breaks it.
   */
  public static final String UNCAUGHT_WHEN_LOCKLESS = "H6";

  /** A one-call judge: the finding (its obligation and what went wrong), or none. */
  @FunctionalInterface
  public interface OneCall {
    Optional<Finding> judge(TableJudges.Call call);
  }

  /**
   * A broken obligation found by a judge. It may be another obligation than the one judged: H10's
   * call of a lockless age handler also finds H7 (structure changed without the lock).
   */
  public record Finding(String obligation, String details) {}

  private static final List<Judge> ALL =
      List.of(
          explored(
              "H1",
              "the runtime's owner-tracked MMU lock, in every call of every property and scenario:"
                  + " a lockless call that is handed the lock, asserts it without taking it, or"
                  + " takes it exclusively, or a locked call that drops or re-takes it, fails at"
                  + " once; a lockless call may take it for read (counted as advisory)"),
          explored(
              "H2",
              "the runtime compares the locks held (MMU lock, reverse-map bit locks) and the"
                  + " RCU and SRCU depths before and after every handler call"),
          explored(
              "H3",
              "table walks and root lists need the lock or an RCU read section, and table pages"
                  + " freed by a zap are poisoned after their grace period, so a late read fails;"
                  + " explored in aging-vs-table-free and unmap-vs-root-free"),
          new Judge(
              "H4",
              Set.of(By.ONE_CALL, By.EXPLORED),
              Set.of(Condition.RACING_HARDWARE),
              "a one-call property against racing hardware that changes the entry before every"
                  + " compare-and-swap (a lost one must count as young and not be retried without"
                  + " bound), and the explored scenarios, where a vCPU sets Accessed and Dirty; a"
                  + " plain store without the lock fails at once",
              Optional.of(call -> Optional.empty())),
          explored(
              "H5",
              "the explored scenarios (aging-vs-zap, aging-vs-write-protect): every entry access"
                  + " is a point where another actor may run, and a writer that erases another's"
                  + " change (other than Accessed) between its load and its store fails"),
          explored(
              "H6",
              "the explored scenario aging-vs-zap: a zapper removes entries under the lockless"
                  + " walk, which must skip them; a handler that throws there breaks H6"),
          explored(
              "H7",
              "the runtime refuses structural changes (zap, map, root and reverse-map changes)"
                  + " without the lock, and the H10 property's call of a lockless age handler may"
                  + " change nothing in its range but the Accessed state"),
          explored(
              "H8",
              "the runtime refuses cond_resched, might_sleep and grace-period waits where the"
                  + " call may not block (may_block false, lockless, inside RCU, under a spinning"
                  + " lock)"),
          oneCall(
              "H9",
              "a one-call property: after the call no mapping of the range is left in any root"
                  + " of either structure (unmap), none is still young in a valid root (age), and"
                  + " test_age reports a young one",
              TableJudges::coverage),
          oneCall(
              "H10",
              "a one-call property: nothing outside [start, end) of the slot changes, in any root,"
                  + " either structure or the other address space",
              TableJudges::confinement),
          oneCall(
              "H11",
              "a one-call property: the result against the tables before and after the call (and"
                  + " the flushes the handler made itself; on a profile with coherent_zap an unmap"
                  + " that returns false is right)",
              TableJudges::resultMeaning),
          explored(
              "H12",
              "the explored scenarios invalidation-vs-vcpus, unmap-vs-root-free and, in a TDX"
                  + " VM, gmem-punch-hole: once invalidate_range_start (or the guest_memfd"
                  + " invalidation's begin) returns, no vCPU reaches the range through a table or a"
                  + " TLB; and giving up the lock with zapped entries not yet flushed fails at once"),
          explored(
              "H13",
              "the explored scenarios invalidation-vs-vcpus and gmem-punch-hole: a fault that"
                  + " raced with the invalidation must not install a mapping of the range"),
          new Judge(
              "H14",
              Set.of(By.ONE_CALL),
              Set.of(Condition.LOCK_WAITER),
              "a one-call property on runs of hundreds of young pages across a 1 GiB boundary,"
                  + " with a task waiting for the lock: a zap fails once more than 512 entries in"
                  + " two 1 GiB regions were removed since the lock was last offered",
              Optional.of(call -> Optional.empty())));

  private static final Map<String, Judge> BY_ID =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Judge::id, Function.identity()));

  private static Judge explored(String id, String how) {
    return new Judge(id, Set.of(By.EXPLORED), Set.of(), how, Optional.empty());
  }

  private static Judge oneCall(String id, String how, OneCall judge) {
    return new Judge(id, Set.of(By.ONE_CALL), Set.of(), how, Optional.of(judge));
  }

  /** How {@code id} is judged; empty for an obligation walkspec has no judge for. */
  public static Optional<Judge> of(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** The obligations a one-call property judges, in the order of the registry. */
  public static List<String> oneCall() {
    return ids(By.ONE_CALL);
  }

  /** The obligations the explored scenarios judge, in the order of the registry. */
  public static List<String> explored() {
    return ids(By.EXPLORED);
  }

  /** Whether {@code id} is judged by {@code by}. */
  public static boolean judgedBy(String id, By by) {
    return of(id).map(j -> j.by().contains(by)).orElse(false);
  }

  private static List<String> ids(By by) {
    return ALL.stream().filter(j -> j.by().contains(by)).map(Judge::id).toList();
  }

  /** What checks {@code id}, in a sentence; "" for an obligation walkspec does not know. */
  public static String how(String id) {
    return of(id).map(Judge::how).orElse("");
  }

  /** "one-call property", "explored scenarios", both, or "the runtime", for documentation. */
  public static String kind(String id) {
    boolean oneCall = judgedBy(id, By.ONE_CALL);
    boolean explored = judgedBy(id, By.EXPLORED);
    if (oneCall && explored) {
      return "one-call property and explored scenarios";
    }
    if (oneCall) {
      return "one-call property";
    }
    return explored ? "explored scenarios (and the runtime, in every call)" : "the runtime";
  }

  /** Every obligation id the registry knows, for tests. */
  static Stream<String> ids() {
    return ALL.stream().map(Judge::id);
  }
}
