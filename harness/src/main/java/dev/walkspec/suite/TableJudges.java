package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.suite.Judges.Finding;
import dev.walkspec.suite.PageTableSnapshot.Change;
import dev.walkspec.suite.PageTableSnapshot.Leaf;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The one-call judges: pure functions of a handler call (its kind, range, result and flushes) and
 * the page tables before and after it. The generated suites and the conformance-tests oracle judge
 * with the same functions.
 */
@API(status = INTERNAL)
public final class TableJudges {
  private TableJudges() {}

  /**
   * One handler call as the judges see it.
   *
   * @param kind the handler kind: unmap, age or test_age
   * @param addressSpace the address space of the range's slot
   * @param start first gfn of the range
   * @param end gfn after the range
   * @param lockless whether the walk called the handler without the MMU lock
   * @param result what the handler returned
   * @param flushedItself a remote TLB flush during the call, or zaps that keep TLBs coherent by
   *     themselves (coherent_zap, s390), with no zap left for the walk's flush
   * @param flushOnRet whether the operation flushes when the handler returns true (W10)
   */
  public record Call(
      String kind,
      int addressSpace,
      long start,
      long end,
      boolean lockless,
      boolean result,
      boolean flushedItself,
      boolean flushOnRet,
      PageTableSnapshot before,
      PageTableSnapshot after,
      EntryCodec codec) {
    List<Leaf> inRangeBefore() {
      return before.overlapping(addressSpace, start, end);
    }

    List<Change> changes() {
      return before.changes(after);
    }

    List<Change> removed() {
      return changes().stream().filter(Change::removed).toList();
    }

    private boolean young(Leaf leaf) {
      return codec.accessed(leaf.entry());
    }
  }

  private static Optional<Finding> found(String obligation, String details) {
    return Optional.of(new Finding(obligation, details));
  }

  /** H9: every mapping of every gfn in [start, end) handled, in every root that matters. */
  public static Optional<Finding> coverage(Call call) {
    List<Leaf> left = call.after().overlapping(call.addressSpace(), call.start(), call.end());
    switch (call.kind()) {
      case "unmap":
        return left.isEmpty()
            ? Optional.empty()
            : found(
                "H9",
                "mappings of the range are still present after unmap (valid and invalid roots"
                    + " must be zapped): "
                    + leaves(left, call.codec()));
      case "age":
        List<Leaf> young = left.stream().filter(l -> l.validRoot() && call.young(l)).toList();
        return young.isEmpty()
            ? Optional.empty()
            : found(
                "H9",
                "mappings of the range are still young after aging: "
                    + leaves(young, call.codec()));
      case "test_age":
        boolean anyYoung =
            call.inRangeBefore().stream().anyMatch(l -> l.validRoot() && call.young(l));
        return anyYoung && !call.result()
            ? found("H9", "a young mapping in the range was not reported (test_age returned false)")
            : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /**
   * H10: nothing outside [start, end) of the slot changes, in no root and no other space; and, with
   * the same call, H7 for a lockless age handler: inside the range it may clear the Accessed state
   * of entries (or mark them for access tracking, which the runtime encodes the same way), nothing
   * else. An entry removed or otherwise rewritten is a structural change the lock did not allow.
   * (Locked aging may zap to age, as the shadow MMU once did, so H7 is for lockless calls only.)
   */
  public static Optional<Finding> confinement(Call call) {
    List<Change> outside =
        call.changes().stream()
            .filter(c -> !c.inside(call.addressSpace(), call.start(), call.end()))
            .toList();
    if (!outside.isEmpty()) {
      return found(
          "H10",
          "entries outside the range changed: "
              + PageTableSnapshot.describe(outside, call.codec()));
    }
    if (!call.lockless() || !call.kind().equals("age")) {
      return Optional.empty();
    }
    List<Change> beyondAccessed =
        call.before().changesBeyond(call.after(), call.codec()::clearAccessed).stream()
            .filter(c -> c.inside(call.addressSpace(), call.start(), call.end()))
            .toList();
    return beyondAccessed.isEmpty()
        ? Optional.empty()
        : found(
            "H7",
            "lockless aging changed more than the Accessed state of entries in the range: "
                + PageTableSnapshot.describe(beyondAccessed, call.codec()));
  }

  /**
   * H11: the result means what the handler kind says it means. For unmap, true asks the walk to
   * flush (W10): a handler that removed mappings must return true, unless it flushed remote TLBs
   * itself during the call, as arm64 and riscv do (and then return false, as the kernel does); one
   * that removed nothing must return false ("true if any present mapping was removed").
   *
   * <p>Aging may remove mappings where the lock allows it (the shadow MMU once aged by zapping),
   * but a removed mapping stays in vCPU TLBs until a flush, and a later unmap that finds nothing
   * left to zap asks for none (H12): so an age call that removed one must end with a flush, its own
   * or the walk's (a true result where the operation flushes on it, W10).
   */
  public static Optional<Finding> resultMeaning(Call call) {
    return switch (call.kind()) {
      case "unmap" -> unmapResult(call);
      case "age" -> ageResult(call);
      case "test_age" -> testAgeResult(call);
      default -> Optional.empty();
    };
  }

  private static Optional<Finding> unmapResult(Call call) {
    List<Change> removed = call.removed();
    if (removed.isEmpty() && call.result()) {
      return found(
          "H11",
          "unmap removed nothing but returned true, asking the walk for a flush nothing needs");
    }
    return removed.isEmpty() || call.result() || call.flushedItself()
        ? Optional.empty()
        : found(
            "H11",
            "unmap removed "
                + removed.size()
                + " mapping(s) but returned false without flushing remote TLBs itself,"
                + " so the walk will not flush (W10)");
  }

  private static Optional<Finding> ageResult(Call call) {
    List<Change> gone = call.removed();
    boolean walkFlushes = call.result() && call.flushOnRet();
    if (!gone.isEmpty() && !call.flushedItself() && !walkFlushes) {
      return found(
          "H11",
          "age removed "
              + gone.size()
              + " mapping(s) and the call ends without a remote TLB flush (the handler"
              + " flushed nothing and returned "
              + call.result()
              + (call.flushOnRet() ? "" : " in an operation that never flushes")
              + "): vCPUs keep the removed translations, and a later unmap that finds"
              + " nothing to zap will not flush them (H12): "
              + PageTableSnapshot.describe(gone, call.codec()));
    }
    List<Leaf> range = call.inRangeBefore();
    if (range.stream().anyMatch(l -> l.validRoot() && call.young(l)) && !call.result()) {
      return found("H11", "age returned false although a mapping in the range was young");
    }
    return range.stream().noneMatch(call::young) && call.result()
        ? found("H11", "age returned true although no mapping in the range was young")
        : Optional.empty();
  }

  private static Optional<Finding> testAgeResult(Call call) {
    List<Change> changed = call.changes();
    if (!changed.isEmpty()) {
      return found(
          "H11", "test_age changed entries: " + PageTableSnapshot.describe(changed, call.codec()));
    }
    List<Leaf> range = call.inRangeBefore();
    boolean youngValid = range.stream().anyMatch(l -> l.validRoot() && call.young(l));
    boolean youngAny = range.stream().anyMatch(call::young);
    if (youngValid != call.result() && !(call.result() && youngAny)) {
      return found(
          "H11",
          "test_age returned " + call.result() + " but young mappings in the range: " + youngValid);
    }
    return Optional.empty();
  }

  private static String leaves(List<Leaf> leaves, EntryCodec codec) {
    return leaves.stream()
        .map(
            l ->
                "root "
                    + l.root()
                    + (l.validRoot() ? "" : " (invalid)")
                    + " gfn "
                    + l.gfn()
                    + (l.level() == 1 ? " 4K " : " level " + l.level() + " ")
                    + PageTableSnapshot.describe(l.entry(), codec))
        .collect(Collectors.joining(", "));
  }
}
