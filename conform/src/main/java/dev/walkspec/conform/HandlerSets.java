package dev.walkspec.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handler sets walkspec ships (module walkspec-conformance-tests): the arches as the kernel has
 * them, the what-if sets (an arch with one change, not the kernel's), the kernel's handlers as they
 * were before a fix (history), and the known-bad variants, each one small edit of a correct set's
 * handler (x86's are edits of the what-if set X86AlignedStride, the kernel's x86 but for its shadow
 * aging stride).
 */
public final class HandlerSets {
  private static final String ARCH = "dev.walkspec.arch.";
  private static final String BAD = ARCH + "bad.";
  private static final String HISTORY = ARCH + "history.";

  private HandlerSets() {}

  /**
   * x86 as the notifiers call it: each handler runs the TDP MMU's pass and the shadow MMU's, and is
   * checked in every VM x86 allows (the TDP MMU alone, shadow pages alone, both). The shadow MMU's
   * aging, age and test_age alike, steps from range.start as the kernel's does (v6.15 to v7.0), and
   * misses the huge block holding end - 1 of some unaligned ranges: H9, a finding of the kernel's
   * that expected-outcomes.tsv records.
   */
  public static final HandlerSet X86 =
      new HandlerSet(
          "x86",
          List.of("x86"),
          Map.of(
              "age",
              ARCH + "x86.X86AgeHandler",
              "test_age",
              ARCH + "x86.X86TestAgeHandler",
              "unmap",
              ARCH + "x86.X86UnmapHandler"),
          Optional.of(ARCH + "x86.X86WriteProtect"),
          Optional.empty(),
          "x86: the TDP MMU's lockless aging under RCU and the shadow MMU's under rmap bit locks,"
              + " stepping from range.start as the kernel does; unmap zaps both, invalid TDP roots"
              + " included");

  /**
   * x86's unmap in a VM with private memory that is a TDX VM: the TDP MMU has mirror roots for
   * private memory beside the direct roots, and attr_filter picks between them (RootTypes). Beside
   * the notifier's scenarios its unmap suite explores the guest_memfd hole punch (gmem-punch-hole)
   * with the filter its spec's C6 passes, so the column of V8 (the filter hard-coded private) shows
   * the shared mapping that filter leaves (H12). Aging is x86's row's business.
   */
  public static final HandlerSet X86_TDX =
      new HandlerSet(
          "x86-tdx",
          List.of("x86_private"),
          Map.of("unmap", ARCH + "x86.X86UnmapHandler"),
          Optional.empty(),
          Optional.empty(),
          "x86's unmap in a TDX VM: mirror roots for private memory, picked by attr_filter; the"
              + " guest_memfd hole punch with the spec's filter");

  public static final HandlerSet ARM64 =
      new HandlerSet(
          "arm64",
          List.of("arm64"),
          Map.of(
              "age",
              ARCH + "arm64.Arm64AgeHandler",
              "test_age",
              ARCH + "arm64.Arm64TestAgeHandler",
              "unmap",
              ARCH + "arm64.Arm64UnmapHandler"),
          Optional.empty(),
          Optional.empty(),
          "arm64 stage 2: locked aging over the whole range");
  public static final HandlerSet RISCV =
      new HandlerSet(
          "riscv",
          List.of("riscv"),
          Map.of(
              "age",
              ARCH + "riscv.RiscvAgeHandler",
              "test_age",
              ARCH + "riscv.RiscvTestAgeHandler",
              "unmap",
              ARCH + "riscv.RiscvUnmapHandler"),
          Optional.empty(),
          Optional.empty(),
          "riscv as the kernel has it: ages only the leaf at range.start");
  public static final HandlerSet LOONGARCH =
      new HandlerSet(
          "loongarch",
          List.of("loongarch"),
          Map.of(
              "age",
              ARCH + "loongarch.LoongarchAgeHandler",
              "test_age",
              ARCH + "loongarch.LoongarchTestAgeHandler",
              "unmap",
              ARCH + "loongarch.LoongarchUnmapHandler"),
          Optional.empty(),
          Optional.empty(),
          "loongarch: locked aging with plain writes, right only under the lock");

  /**
   * s390's new gmap (v7.0): lockless aging whose handlers take the MMU lock for read (H1 allows
   * it), and an unmap whose DAT instructions keep the TLBs coherent, so it returns false (H11, H12
   * on the profile's coherent_zap).
   */
  public static final HandlerSet S390 =
      new HandlerSet(
          "s390",
          List.of("s390"),
          Map.of(
              "age",
              ARCH + "s390.S390AgeHandler",
              "test_age",
              ARCH + "s390.S390TestAgeHandler",
              "unmap",
              ARCH + "s390.S390UnmapHandler"),
          Optional.empty(),
          Optional.empty(),
          "s390 gmap: lockless aging under the read lock; unmap with TLB-coherent zaps");

  /**
   * What if LoongArch aged locklessly (hypo-lockless-everywhere)? Its handlers fail H3 first: they
   * walk the tables with neither the lock nor RCU. This set makes that first fix (an RCU read
   * section and the RCU-safe root list) and keeps the plain stores, to show what breaks next (H4).
   */
  public static final HandlerSet LOONGARCH_RCU =
      new HandlerSet(
          "LoongarchRcuAging",
          List.of("loongarch"),
          Map.of(
              "age",
              ARCH + "whatif.LoongarchRcuAgeHandler",
              "test_age",
              ARCH + "whatif.LoongarchRcuTestAgeHandler",
              "unmap",
              ARCH + "loongarch.LoongarchUnmapHandler"),
          Optional.empty(),
          Optional.of(LOONGARCH.name()),
          "what if: loongarch aging walks under RCU (fixing H3), its stores still plain");

  /**
   * What if riscv's unmap looked at the VM's root again after each yield, as arm64's stage-2 walk
   * does? The fix for the use-after-free that the kernel's trylock leaves open under the walk (H3
   * on unmap-vs-root-free); its aging is riscv's.
   */
  public static final HandlerSet RISCV_REREADS_ROOT =
      RISCV.withWhatIf(
          "RiscvRereadsRoot",
          "unmap",
          ARCH + "whatif.RiscvUnmapRereadsRoot",
          "what if: riscv's unmap looks at the VM's root again after each yield (fixing H3 on"
              + " teardown)");

  /**
   * The kernel's riscv unmap as it was before the use-after-free fix dec9ed994434, and as that
   * fix's second version posted it: history, not planted bugs (issue 17 item 6).
   */
  static List<HandlerSet> history() {
    return List.of(
        history(
            RISCV,
            "RiscvUnmapBeforeUafFix",
            "unmap",
            "riscv unmap before dec9ed994434: walks on in the root it read on entry after a"
                + " yield"),
        history(
            RISCV,
            "RiscvUnmapTakesMmuLock",
            "unmap",
            "riscv unmap as v2 of that fix posted it: takes the MMU lock the walk already holds"));
  }

  private static HandlerSet history(HandlerSet base, String name, String kind, String change) {
    return base.withBad(name, kind, HISTORY + name, change);
  }

  /** Whether {@code name} is the kernel's code as it was before a fix ({@link #history()}). */
  static boolean isHistory(String name) {
    return history().stream().anyMatch(s -> s.name().equals(name));
  }

  /** Whether {@code name} is one of the arch sets ported as the kernel has them. */
  static boolean isKernelPort(String name) {
    return List.of(X86, X86_TDX, ARM64, RISCV, LOONGARCH, S390).stream()
        .anyMatch(s -> s.name().equals(name));
  }

  /**
   * What if x86's shadow MMU aging stepped from block to block (as its unmap does) instead of from
   * range.start? Not the kernel's code: x86 with that one fix, in age and test_age, which meets H9
   * where the kernel's misses a huge block. It is a correct set (no failure expected anywhere), and
   * the base of x86's known-bad variants, so that each of them fails for its one planted edit only,
   * not also for the kernel's stride. The contrast is the x86 row itself.
   */
  public static final HandlerSet X86_ALIGNED_STRIDE =
      new HandlerSet(
          "X86AlignedStride",
          List.of("x86"),
          Map.of(
              "age",
              ARCH + "whatif.X86AlignedStrideAgeHandler",
              "test_age",
              ARCH + "whatif.X86AlignedStrideTestAgeHandler",
              "unmap",
              ARCH + "x86.X86UnmapHandler"),
          Optional.of(ARCH + "x86.X86WriteProtect"),
          Optional.empty(),
          "what if: x86 with the shadow MMU's aging stepping from block to block (fixing H9);"
              + " the base of the x86 known-bad variants");

  /** Every row of the matrix: the arches first, then the what-if and known-bad variants. */
  public static List<HandlerSet> bundled() {
    List<HandlerSet> sets =
        new ArrayList<>(
            List.of(
                X86,
                X86_TDX,
                ARM64,
                RISCV,
                LOONGARCH,
                S390,
                LOONGARCH_RCU,
                X86_ALIGNED_STRIDE,
                RISCV_REREADS_ROOT));
    sets.addAll(history());
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAgePlainStore",
            "age",
            "lockless age writes old & ~A with a plain store"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAgeLoadThenExchange",
            "age",
            "lockless age exchanges in a stale value"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAgeRootsOutsideRcu",
            "age",
            "the root list is read before the RCU read lock"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAgeTakesMmuLock",
            "age",
            "the lockless walk takes the MMU lock for read"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAgeTakesMmuLockForWrite",
            "age",
            "the lockless walk takes the MMU lock for write"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "ShadowAgeAssertsMmuLock",
            "age",
            "the lockless shadow age asserts the write lock"));
    sets.add(bad(X86_ALIGNED_STRIDE, "TdpAgeStartOnly", "age", "ages only [start, start + 1)"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAgeWholeBlocks",
            "age",
            "rounds the range out to 2 MiB blocks"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAgeZapsHugeLeaves",
            "age",
            "lockless age zaps young huge leaves"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAgeWarnsOnVanishedEntry",
            "age",
            "fails when an entry vanished meanwhile"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpAccessTrackRetriesCas",
            "age",
            "retries the compare-and-swap until it succeeds"));
    sets.add(bad(X86_ALIGNED_STRIDE, "TdpTestAgeClears", "test_age", "test_age clears Accessed"));
    sets.add(
        bad(X86_ALIGNED_STRIDE, "TdpUnmapValidRootsOnly", "unmap", "unmap skips invalid roots"));
    sets.add(
        bad(X86_ALIGNED_STRIDE, "TdpUnmapReturnsFalse", "unmap", "unmap zaps, then returns false"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpUnmapYieldsRegardless",
            "unmap",
            "unmap yields even when may_block is false"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpUnmapNeverYields",
            "unmap",
            "unmap never yields, not even to a waiter when it may block"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "TdpUnmapWalksFreedRoot",
            "unmap",
            "unmap walks on in a root freed while it yielded"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "PlainStoreWriteProtect",
            "writer",
            "write-protect stores a volatile entry plainly"));
    sets.add(
        bad(
            X86_ALIGNED_STRIDE,
            "ShadowTestAgeLeaksRmapLock",
            "test_age",
            "an early return keeps the head lock"));
    sets.add(
        bad(
            ARM64,
            "Arm64UnmapClipsNested",
            "unmap",
            "arm64 unmap clips nested stage-2 tables to the range's gfns"));
    sets.add(
        bad(
            ARM64,
            "Arm64UnmapRoundsOwnTableOut",
            "unmap",
            "arm64 unmap rounds the range out to 2 MiB blocks in its own stage 2"));
    return List.copyOf(sets);
  }

  private static HandlerSet bad(HandlerSet base, String name, String kind, String change) {
    return base.withBad(name, kind, BAD + name, change);
  }

  public static Optional<HandlerSet> named(String name) {
    return bundled().stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
