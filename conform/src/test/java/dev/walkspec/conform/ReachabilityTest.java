package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.suite.MmRanges;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 5: the kernel ports' aging findings judged again on the ranges mm's callers pass.
 * x86's shadow stride is reached only by DAMON's unaligned sampling (two pages across a 2 MiB
 * boundary), riscv's start-only aging already by a PMD-mapped folio; an unmap finding is reachable
 * by its range. Each verdict names the shape and the range that reached it.
 */
class ReachabilityTest {
  private static Matrix.NamedSpec canonical;

  @BeforeAll
  static void checkTheCanonicalSpec() {
    canonical = BundledRun.specs(List.of(Path.of(BundledSpecs.CANONICAL))).get(0);
  }

  private static Reachability.Verdict verdict(HandlerSet set, String obligation, String binding) {
    return Reachability.verdict(canonical, set, obligation, binding).orElseThrow();
  }

  @Test
  void theX86ShadowStrideIsReachedOnlyByDamonsUnalignedSampling_h9() {
    Reachability.Verdict v = verdict(HandlerSets.X86, "H9", "clear_young[x86]");

    assertThat(v.reachable()).isTrue();
    assertThat(v.text())
        .startsWith(
            "reachable from mm: DAMON's sampling of a page or a 2 MiB folio from an unaligned"
                + " address breaks it too (clear_young[x86] over [");
  }

  @Test
  void riscvsStartOnlyAgingIsReachedByAPmdMappedFolio_h9() {
    Reachability.Verdict v = verdict(HandlerSets.RISCV, "H9", "clear_young[riscv]");

    // A PMD-mapped folio over a slot whose gfns KVM maps with 4 KiB pages (gfn and hva disagree
    // modulo 2 MiB): the kernel's riscv ages only the page at range.start.
    assertThat(v.reachable()).isTrue();
    assertThat(v.text())
        .startsWith(
            "reachable from mm: a PMD-mapped folio: an aligned 2 MiB block breaks it too"
                + " (clear_young[riscv] over [");
  }

  @Test
  void anUnmapFindingIsReachableByItsRange_h14() {
    Reachability.Verdict v =
        verdict(HandlerSets.LOONGARCH, "H14", "invalidate_range_start[loongarch]");

    assertThat(v.reachable()).isTrue();
    assertThat(v.text()).startsWith("reachable from mm: invalidations come for any page-aligned");
  }

  @Test
  void noRangeOfMmsAlignedOrPageTableBoundShapesReachesTheX86ShadowStride_h9() {
    var binding =
        canonical.checked().bindings().stream()
            .filter(b -> b.displayName().equals("clear_young[x86]"))
            .findFirst()
            .orElseThrow();

    assertThat(
            Reachability.firstBreaking(
                canonical,
                binding,
                HandlerSets.X86.handlers().get("age"),
                "H9",
                EnumSet.of(
                    MmRanges.Shape.ONE_PAGE, MmRanges.Shape.PMD_FOLIO, MmRanges.Shape.PTE_BATCH)))
        .as("the argument of conformance-tests/README.md: such a range misses no block")
        .isEmpty();
  }
}
