package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.suite.Judges.Finding;
import dev.walkspec.suite.PageTableSnapshot.Change;
import dev.walkspec.suite.PageTableSnapshot.Leaf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * The nested stage-2 leaves that still map a host frame which the range's gfns mapped before
     * the call: what an unmap must drop from the nested tables too (H9, arm64).
     */
    List<Leaf> nestedMappingsLeft() {
      return after.nestedMappingsOf(
          addressSpace, before.framesMappedFor(addressSpace, start, end, codec), codec);
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

  /**
   * H9: every mapping of every gfn in [start, end) handled, in every root that matters. For unmap
   * that includes the nested stage-2 tables (arm64): no leaf of one may still map a host frame that
   * a gfn of the range was mapped to, at whatever IPA. Aging looks at gfn-indexed roots only, as
   * arm64's does (nested tables are rebuilt from the VM's own on fault).
   */
  public static Optional<Finding> coverage(Call call) {
    List<Leaf> left =
        new ArrayList<>(call.after().overlapping(call.addressSpace(), call.start(), call.end()));
    switch (call.kind()) {
      case "unmap":
        left.addAll(call.nestedMappingsLeft());
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
    // A nested stage-2 table may lose any entry: a gfn range does not say which of its IPAs map
    // the range, so the kernel's unmap drops every nested table whole (arm64, kvm_nested_s2_unmap);
    // the L2 guest faults them back in. Any other change there is outside the range.
    List<Change> outside =
        call.changes().stream()
            .filter(c -> !c.nestedRemoval())
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

  /** The most rows {@link #tables} shows; the rest are counted. */
  static final int MAX_ROWS = 24;

  /**
   * The page-table entries that matter to a one-call failure, before and after the call: every leaf
   * that overlaps the range in either snapshot and every leaf that changed anywhere, one row each,
   * changed rows marked. Entries are decoded (P present, W writable, A accessed, D dirty).
   */
  public static String tables(Call call) {
    Map<PageTableSnapshot.Key, Leaf> rows = new LinkedHashMap<>();
    call.before().leaves().forEach((key, leaf) -> keepIfRelevant(call, rows, key, leaf));
    call.after().leaves().forEach((key, leaf) -> keepIfRelevant(call, rows, key, leaf));
    call.changes().forEach(c -> rows.putIfAbsent(c.key(), c.removed() ? c.was() : c.now()));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "page tables, range [%d, %d) of address space %d, before -> after the call:\n",
            call.start(),
            call.end(),
            call.addressSpace()));
    out.append(row("", "root", "gfn", "size", "before", "after"));
    int shown = 0;
    for (Map.Entry<PageTableSnapshot.Key, Leaf> row : rows.entrySet()) {
      if (shown == MAX_ROWS) {
        out.append("    ... ").append(rows.size() - MAX_ROWS).append(" more\n");
        break;
      }
      Leaf was = call.before().leaves().get(row.getKey());
      Leaf now = call.after().leaves().get(row.getKey());
      Leaf leaf = row.getValue();
      boolean changed = was == null || now == null || was.entry() != now.entry();
      out.append(
          row(
              changed ? "*" : "",
              (leaf.shadow() ? "s" : "") + leaf.root() + (leaf.validRoot() ? "" : "!"),
              Long.toString(leaf.gfn()),
              size(leaf.level()),
              was == null ? "none" : PageTableSnapshot.describe(was.entry(), call.codec()),
              now == null ? "none" : PageTableSnapshot.describe(now.entry(), call.codec())));
      shown++;
    }
    out.append("    (* changed by the call; root s<n> is a shadow root, <n>! an invalid root)");
    return out.toString();
  }

  private static String row(String... cells) {
    return String.format(Locale.ROOT, "    %-3s %-8s %-8s %-9s %-6s %s", (Object[]) cells)
            .stripTrailing()
        + "\n";
  }

  private static void keepIfRelevant(
      Call call, Map<PageTableSnapshot.Key, Leaf> rows, PageTableSnapshot.Key key, Leaf leaf) {
    if (leaf.addressSpace() == call.addressSpace() && leaf.overlaps(call.start(), call.end())) {
      rows.putIfAbsent(key, leaf);
    }
  }

  private static String size(int level) {
    return switch (level) {
      case 1 -> "4K";
      case 2 -> "2M";
      case 3 -> "1G";
      default -> "level " + level;
    };
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
