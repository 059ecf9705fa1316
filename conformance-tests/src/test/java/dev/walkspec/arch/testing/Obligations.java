package dev.walkspec.arch.testing;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.RuleViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks one sequential handler call against the obligations that show in its result and in the
 * tables and TLBs before and after: H1 (no MMU lock taken by a lockless handler), H9 coverage, H10
 * confinement, H11 result meaning, H12 (unmap: no TLB still translates the range after the walk's
 * flush), plus any rule the runtime itself reports by throwing ({@link RuleViolation}: H1-H8). Each
 * finding starts with its obligation id.
 */
public final class Obligations {
  /** The handler kind, which fixes what the result means. */
  public enum Kind {
    UNMAP,
    AGE,
    TEST_AGE
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
    List<Leaf> before = box.leaves();
    List<Leaf> inRange =
        before.stream().filter(l -> l.meets(as, range.start(), range.end())).toList();
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
    List<Leaf> after = box.leaves();
    EntryCodec codec = box.world.codec();
    coverage(kind, range, result, inRange, after, codec, findings);
    confinement(range, before, after, findings);
    boolean coherentZap = box.world.profile().coherentZap();
    resultMeaning(kind, result, coherentZap, inRange, before, after, codec, findings);
    if (kind == Kind.UNMAP) {
      for (Leaf leaf : inRange) {
        long gfn = Math.max(leaf.gfn(), range.start());
        if (box.anyTlbMaps(as, gfn)) {
          findings.add("H12: a vCPU TLB still translates gfn " + gfn + " after unmap");
        }
      }
    }
    return new Outcome(result, findings);
  }

  private static void coverage(
      Kind kind,
      GfnRange range,
      boolean result,
      List<Leaf> inRange,
      List<Leaf> after,
      EntryCodec codec,
      List<String> findings) {
    int as = range.slot().addressSpace();
    switch (kind) {
      case UNMAP:
        for (Leaf leaf : after) {
          if (leaf.meets(as, range.start(), range.end())) {
            findings.add("H9: still mapped after unmap: " + describe(leaf));
          }
        }
        break;
      case AGE:
        for (Leaf leaf : after) {
          if (leaf.validRoot()
              && leaf.meets(as, range.start(), range.end())
              && codec.accessed(leaf.entry())) {
            findings.add("H9: still young after age: " + describe(leaf));
          }
        }
        break;
      case TEST_AGE:
        boolean young = inRange.stream().anyMatch(l -> l.validRoot() && codec.accessed(l.entry()));
        if (young && !result) {
          findings.add("H9: test_age missed a young mapping in the range");
        }
        break;
    }
  }

  private static void confinement(
      GfnRange range, List<Leaf> before, List<Leaf> after, List<String> findings) {
    Map<String, Leaf> was = index(before);
    Map<String, Leaf> now = index(after);
    int as = range.slot().addressSpace();
    for (Map.Entry<String, Leaf> e : was.entrySet()) {
      Leaf old = e.getValue();
      Leaf changed = now.get(e.getKey());
      if (!old.meets(as, range.start(), range.end())
          && (changed == null || changed.entry() != old.entry())) {
        findings.add("H10: changed outside the range: " + describe(old));
      }
    }
    for (Map.Entry<String, Leaf> e : now.entrySet()) {
      if (!was.containsKey(e.getKey())) {
        findings.add("H10: a mapping appeared: " + describe(e.getValue()));
      }
    }
  }

  private static void resultMeaning(
      Kind kind,
      boolean result,
      boolean coherentZap,
      List<Leaf> inRange,
      List<Leaf> before,
      List<Leaf> after,
      EntryCodec codec,
      List<String> findings) {
    boolean youngValid = inRange.stream().anyMatch(l -> l.validRoot() && codec.accessed(l.entry()));
    boolean youngAny = inRange.stream().anyMatch(l -> codec.accessed(l.entry()));
    if (kind == Kind.UNMAP) {
      // Strict reading (true iff a mapping was removed), except that where every zap keeps the
      // TLBs coherent by itself (coherent_zap, s390) false is right: nothing is owed to a flush.
      if (result != !inRange.isEmpty() && !(coherentZap && !result)) {
        findings.add(
            "H11: unmap returned " + result + " with " + inRange.size() + " mapping(s) in range");
      }
      return;
    }
    if (kind == Kind.TEST_AGE && !Objects.equals(index(before), index(after))) {
      findings.add("H11: test_age changed entries");
    }
    if (youngValid && !result) {
      findings.add("H11: returned false although a mapping in range was young");
    }
    if (result && !youngAny) {
      findings.add("H11: returned true although no mapping in range was young");
    }
  }

  private static Map<String, Leaf> index(List<Leaf> leaves) {
    Map<String, Leaf> map = new HashMap<>();
    for (Leaf leaf : leaves) {
      map.put(leaf.key(), leaf);
    }
    return map;
  }

  private static String describe(Leaf leaf) {
    return "as "
        + leaf.as()
        + " root "
        + leaf.root()
        + (leaf.validRoot() ? "" : " (invalid)")
        + " gfn "
        + leaf.gfn()
        + " level "
        + leaf.level();
  }
}
