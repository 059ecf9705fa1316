package dev.walkspec.arch.testing;

import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.suite.PageTableSnapshot;
import dev.walkspec.suite.TableJudges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks one sequential handler call against the obligations that show in its result and in the
 * tables and TLBs before and after: H9 coverage, H10 confinement (and H7 for lockless aging), H11
 * result meaning, judged by the same functions as the generated suites ({@link TableJudges}); H1
 * (no exclusive MMU lock taken by a lockless handler) and H12 (unmap: no TLB still translates the
 * range after the walk's flush), which only this sandbox observes; plus any rule the runtime itself
 * reports by throwing ({@link RuleViolation}: H1-H8). Each finding starts with its obligation id.
 */
public final class Obligations {
  /** The handler kind, which fixes what the result means. */
  public enum Kind {
    UNMAP,
    AGE,
    TEST_AGE;

    /** The kind as the spec and the judges name it: unmap, age, test_age. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the call returned (null if it threw) and every obligation it broke. */
  public record Outcome(Boolean result, List<String> findings) {
    /** The obligation ids of the findings, e.g. {@code [H9, H11]}. */
    public List<String> ids() {
      return findings.stream().map(f -> f.substring(0, f.indexOf(':'))).distinct().toList();
    }
  }

  private Obligations() {}

  /**
   * Calls {@code handler} on {@code range} in {@code box} the way the walk would and reports what
   * it broke. Unmap runs as C1 (locked, flush after a true result); age and test_age run lockless
   * or locked as {@code range.lockless()} says.
   */
  public static Outcome check(Sandbox box, Kind kind, GfnHandler handler, GfnRange range) {
    int as = range.slot().addressSpace();
    PageTableSnapshot before = box.snapshot();
    long flushesBefore = box.world.tlbFlushes();
    List<String> findings = new ArrayList<>();
    box.events.clear();
    Boolean result = null;
    try {
      result = box.call(handler, range, kind == Kind.UNMAP);
    } catch (RuleViolation v) {
      findings.add(v.getMessage());
    } catch (RuntimeException e) {
      // H6 is the obligation a lockless handler breaks by failing on what it finds; elsewhere a
      // throw breaks the handler's contract just the same and is reported under H11.
      findings.add((range.lockless() ? "H6" : "H11") + ": the handler threw " + e);
    }
    // H1: a lockless handler may take the MMU lock for read (s390), never exclusively.
    if (range.lockless() && box.exclusiveLockAcquisitionsByCaller() > 0) {
      findings.add("H1: the lockless handler took the MMU lock exclusively");
    }
    if (result == null) {
      return new Outcome(null, findings);
    }
    boolean walkFlushed = kind == Kind.UNMAP && result;
    long ownFlushes = box.world.tlbFlushes() - flushesBefore - (walkFlushed ? 1 : 0);
    TableJudges.Call call =
        new TableJudges.Call(
            kind.label(),
            as,
            range.start(),
            range.end(),
            range.lockless(),
            result,
            (ownFlushes > 0 || box.world.profile().coherentZap()) && box.unflushedAfterHandler == 0,
            kind == Kind.UNMAP,
            before,
            box.snapshot(),
            box.world.codec());
    Stream.of(
            TableJudges.coverage(call),
            TableJudges.confinement(call),
            TableJudges.resultMeaning(call))
        .flatMap(Optional::stream)
        .forEach(f -> findings.add(f.obligation() + ": " + f.details()));
    if (kind == Kind.UNMAP) {
      for (PageTableSnapshot.Leaf leaf : before.overlapping(as, range.start(), range.end())) {
        long gfn = Math.max(leaf.gfn(), range.start());
        if (box.anyTlbMaps(as, gfn)) {
          findings.add("H12: a vCPU TLB still translates gfn " + gfn + " after unmap");
        }
      }
    }
    return new Outcome(result, findings);
  }
}
