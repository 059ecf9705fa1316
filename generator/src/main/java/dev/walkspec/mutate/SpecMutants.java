package dev.walkspec.mutate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The spec mutants of the bundled canonical spec ({@code kvm.walk}): every guard of W1 dropped or
 * weakened, every rule W2-W13 dropped, most also changed (the lock at walk start, the flush after
 * the unlock, ...), the callers' flags and callbacks flipped in C1-C5, and profile changes. Each
 * names the rule it is about (see {@link SpecMutant#rule()}).
 */
@API(status = INTERNAL)
public final class SpecMutants {
  private SpecMutants() {}

  private static final String W = "walker hva_range {";

  /** The catalogue, in a fixed order. */
  public static List<SpecMutant> catalogue() {
    List<SpecMutant> m = new ArrayList<>();
    // W1: drop each guard, weaken the empty-range test.
    m.add(new SpecMutant("drop W1a", W, "  guard W1a empty_range when end <= start;\n", ""));
    m.add(
        new SpecMutant("drop W1b", W, "  guard W1b no_callbacks when !handler && !on_lock;\n", "")
            .first("generic"));
    m.add(
        new SpecMutant(
            "drop W1c", W, "  guard W1c lockless_on_lock when lockless && on_lock;\n", ""));
    m.add(new SpecMutant("W1a end < start", W, "when end <= start", "when end < start"));
    // W2-W6.
    m.add(new SpecMutant("drop W2", W, "  section W2 srcu around walk;\n", ""));
    m.add(new SpecMutant("drop W3", W, "  visit W3 address_spaces;\n", ""));
    m.add(new SpecMutant("W4 inclusive end", W, "[start, end - 1]", "[start, end]"));
    m.add(new SpecMutant("drop W5", W, "  clip W5 hva to slot;\n", ""));
    m.add(new SpecMutant("W6 round_down", W, "gfn = round_out", "gfn = round_down"));
    // W7: the lock at walk start, without unless, without on_lock, in read mode, dropped.
    m.add(new SpecMutant("W7 at walk start", W, "on first_hit", "on walk_start"));
    m.add(new SpecMutant("W7 without unless", W, " unless lockless, then", ", then"));
    m.add(new SpecMutant("W7 without on_lock", W, ", then on_lock;", ";"));
    m.add(new SpecMutant("W7 read lock", W, "lock W7 mmu write", "lock W7 mmu read"));
    m.add(
        new SpecMutant(
            "drop W7", W, "  lock W7 mmu write on first_hit unless lockless, then on_lock;\n", ""));
    // W8-W9.
    m.add(new SpecMutant("W8 break slots", W, "jump unlock", "break slots").first("C2"));
    m.add(new SpecMutant("W9 stop at true", W, "= or(handler);", "= or(handler), stop when ret;"));
    // W10: after the unlock, or under another condition.
    m.add(new SpecMutant("W10 after unlock", W, "before unlock;", "after unlock;"));
    m.add(new SpecMutant("W10 without ret", W, "when flush_on_ret && ret,", "when flush_on_ret,"));
    m.add(
        new SpecMutant("W10 without flush_on_ret", W, "when flush_on_ret && ret,", "when ret,")
            .first("C4"));
    m.add(
        new SpecMutant(
            "drop W10", W, "  flush W10 when flush_on_ret && ret, before unlock;\n", ""));
    // W11-W13.
    m.add(
        new SpecMutant(
            "W11 without !lockless", W, "when found_memslot && !lockless", "when found_memslot"));
    m.add(
        new SpecMutant(
            "W11 without found_memslot", W, "when found_memslot && !lockless", "when !lockless"));
    m.add(
        new SpecMutant(
            "W12 without found_memslot", W, "return W12 ret, found_memslot;", "return W12 ret;"));
    m.add(new SpecMutant("drop W12", W, "  return W12 ret, found_memslot;\n", ""));
    // Every other rule dropped too: the checker must refuse a walk without it.
    m.add(new SpecMutant("drop W4", W, "  visit W4 slots overlapping [start, end - 1];\n", ""));
    m.add(new SpecMutant("drop W6", W, "  range W6 gfn = round_out;\n", ""));
    m.add(new SpecMutant("drop W8", W, "  null_handler W8 jump unlock;\n", ""));
    m.add(new SpecMutant("drop W9", W, "  result W9 ret = or(handler);\n", ""));
    m.add(new SpecMutant("drop W11", W, "  unlock W11 mmu when found_memslot && !lockless;\n", ""));
    m.add(new SpecMutant("drop W13", W, "  pass W13 may_block, lockless, arg;\n", ""));
    m.add(
        new SpecMutant(
            "W13 without may_block",
            W,
            "pass W13 may_block, lockless, arg;",
            "pass W13 lockless, arg;"));
    m.add(
        new SpecMutant(
                "W13 without lockless",
                W,
                "pass W13 may_block, lockless, arg;",
                "pass W13 may_block, arg;")
            .first("C3"));
    // C1-C5: flip flush_on_ret, lockless, may_block, the callbacks, the range.
    m.add(
        new SpecMutant(
            "C1 flush_on_ret false",
            "operation C1",
            "flush_on_ret = true;",
            "flush_on_ret = false;"));
    m.add(
        new SpecMutant(
            "C2 flush_on_ret true",
            "operation C2",
            "flush_on_ret = false;",
            "flush_on_ret = true;"));
    m.add(
        new SpecMutant(
            "C3 flush_on_ret flipped",
            "operation C3",
            "flush_on_ret = !KVM_ELIDE",
            "flush_on_ret = KVM_ELIDE"));
    m.add(
        new SpecMutant(
            "C4 flush_on_ret true",
            "operation C4",
            "flush_on_ret = false;",
            "flush_on_ret = true;"));
    m.add(
        new SpecMutant(
            "C5 flush_on_ret true",
            "operation C5",
            "flush_on_ret = false;",
            "flush_on_ret = true;"));
    m.add(new SpecMutant("C1 lockless", "operation C1", "lockless = false;", "lockless = true;"));
    m.add(
        new SpecMutant(
            "C3 never lockless",
            "operation C3",
            "lockless = KVM_MMU_LOCKLESS_AGING;",
            "lockless = false;"));
    m.add(
        new SpecMutant(
                "C4 always lockless",
                "operation C4",
                "lockless = KVM_MMU_LOCKLESS_AGING;",
                "lockless = true;")
            .first("C4@arm64"));
    m.add(
        new SpecMutant(
            "C5 never lockless",
            "operation C5",
            "lockless = KVM_MMU_LOCKLESS_AGING;",
            "lockless = false;"));
    m.add(
        new SpecMutant(
            "C1 may_block fixed", "operation C1", "may_block = param;", "may_block = false;"));
    m.add(
        new SpecMutant(
            "C1 ends the invalidation",
            "operation C1",
            "on_lock = invalidate_begin;",
            "on_lock = invalidate_end;"));
    m.add(
        new SpecMutant(
            "C2 no on_lock", "operation C2", "on_lock = invalidate_end;", "on_lock = null;"));
    m.add(new SpecMutant("C2 calls unmap", "operation C2", "handler = null;", "handler = unmap;"));
    m.add(new SpecMutant("C4 test_age", "operation C4", "handler = age;", "handler = test_age;"));
    m.add(new SpecMutant("C5 two bytes", "operation C5", "end = addr + 1;", "end = addr + 2;"));
    // Profiles.
    m.add(
        new SpecMutant(
            "x86 one address space",
            "profile x86 extends",
            "address_spaces = 2;",
            "address_spaces = 1;"));
    m.add(
        new SpecMutant(
                "x86 without elision",
                "profile x86 extends",
                ", KVM_ELIDE_TLB_FLUSH_IF_YOUNG;",
                ";")
            .first("C3"));
    m.add(
        new SpecMutant("arm64 spinlock", "profile arm64", "selects KVM_HAVE_MMU_RWLOCK;", "")
            .first("C1@arm64"));
    return List.copyOf(m);
  }

  /**
   * Mutants no walker suite can kill, and why: what they change never shows in a walk's trace or
   * result (docs/mutation.md lists them with the tests that do see them).
   */
  public static final Map<String, String> EQUIVALENT =
      Map.of(
          "W13 without may_block",
          "the flags a walk passes to its handler (W13) are not in the trace; the handler suites"
              + " (H8) see may_block",
          "C1 may_block fixed",
          "the walk never reads may_block (W13 passes it on untouched); only handlers see it",
          "C2 flush_on_ret true",
          "C2 has no handler: W8 jumps to the unlock, past the flush, and ret stays false",
          "C4 test_age",
          "walker suites script the handler, whatever its kind; the handler suites see the kind",
          "W12 without found_memslot",
          "neither the reference semantics nor the generated walker reads W12's list: a walk"
              + " always returns found_memslot");
}
