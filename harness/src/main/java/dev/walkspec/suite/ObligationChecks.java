package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * How the generated suites check each obligation, in a sentence, for documentation and reports:
 * which check judges it (a one-call property of the handler suite, the explored scenarios, the
 * runtime's own checks during every call) and what it looks at.
 */
@API(status = INTERNAL)
public final class ObligationChecks {
  private ObligationChecks() {}

  /** The obligations a one-call check can judge; the others need the explorer. */
  public static final List<String> SEQUENTIAL_OBLIGATIONS =
      List.of("H4", "H6", "H9", "H10", "H11", "H14");

  /** The obligations the explorer judges; the others are judged one call at a time. */
  public static final List<String> CONCURRENT_OBLIGATIONS =
      List.of("H1", "H2", "H3", "H4", "H5", "H7", "H8", "H12", "H13");

  private static final Map<String, String> HOW =
      Map.ofEntries(
          Map.entry(
              "H1",
              "the runtime's owner-tracked MMU lock, in every call of every property and scenario:"
                  + " a lockless call that is handed the lock, asserts it without taking it, or"
                  + " takes it exclusively, or a locked call that drops or re-takes it, fails at"
                  + " once; a lockless call may take it for read (counted as advisory)"),
          Map.entry(
              "H2",
              "the runtime compares the locks held (MMU lock, reverse-map bit locks) and the"
                  + " RCU and SRCU depths before and after every handler call"),
          Map.entry(
              "H3",
              "table walks and root lists need the lock or an RCU read section, and table pages"
                  + " freed by a zap are poisoned after their grace period, so a late read fails;"
                  + " explored in aging-vs-table-free and unmap-vs-root-free"),
          Map.entry(
              "H4",
              "a one-call property against racing hardware that changes the entry before every"
                  + " compare-and-swap (a lost one must count as young and not be retried without"
                  + " bound), and the explored scenarios, where a vCPU sets Accessed and Dirty; a"
                  + " plain store without the lock fails at once"),
          Map.entry(
              "H5",
              "the explored scenarios (aging-vs-zap, aging-vs-write-protect): every entry access"
                  + " is a point where another actor may run, and a writer that erases another's"
                  + " change (other than Accessed) between its load and its store fails"),
          Map.entry(
              "H6",
              "the explored scenario aging-vs-zap: a zapper removes entries under the lockless"
                  + " walk, which must skip them; a handler that throws there breaks H6"),
          Map.entry(
              "H7",
              "the runtime refuses structural changes (zap, map, root and reverse-map changes)"
                  + " without the lock, and the H10 property's call of a lockless age handler may"
                  + " change nothing in its range but the Accessed state"),
          Map.entry(
              "H8",
              "the runtime refuses cond_resched, might_sleep and grace-period waits where the"
                  + " call may not block (may_block false, lockless, inside RCU, under a spinning"
                  + " lock)"),
          Map.entry(
              "H9",
              "a one-call property: after the call no mapping of the range is left in any root"
                  + " of either structure (unmap), none is still young in a valid root (age), and"
                  + " test_age reports a young one"),
          Map.entry(
              "H10",
              "a one-call property: nothing outside [start, end) of the slot changes, in any root,"
                  + " either structure or the other address space"),
          Map.entry(
              "H11",
              "a one-call property: the result against the tables before and after the call (and"
                  + " the flushes the handler made itself; on a profile with coherent_zap an unmap"
                  + " that returns false is right)"),
          Map.entry(
              "H12",
              "the explored scenarios invalidation-vs-vcpus and unmap-vs-root-free: once"
                  + " invalidate_range_start returns, no vCPU reaches the range through a table or a"
                  + " TLB; and giving up the lock with zapped entries not yet flushed fails at once"),
          Map.entry(
              "H13",
              "the explored scenario invalidation-vs-vcpus: a fault that raced with the"
                  + " invalidation must not install a mapping of the range"),
          Map.entry(
              "H14",
              "a one-call property on runs of hundreds of young pages across a 1 GiB boundary,"
                  + " with a task waiting for the lock: a zap fails once more than 512 entries in"
                  + " two 1 GiB regions were removed since the lock was last offered"));

  /** What checks {@code id}, in a sentence; "" for an obligation walkspec does not know. */
  public static String how(String id) {
    return HOW.getOrDefault(id, "");
  }

  /** "one-call property", "explored", "both", or "runtime" (checked in every call). */
  public static String kind(String id) {
    boolean oneCall = SEQUENTIAL_OBLIGATIONS.contains(id);
    boolean explored = CONCURRENT_OBLIGATIONS.contains(id);
    if (oneCall && explored) {
      return "one-call property and explored scenarios";
    }
    if (oneCall) {
      return "one-call property";
    }
    return explored ? "explored scenarios (and the runtime, in every call)" : "the runtime";
  }
}
