package dev.walkspec.arch.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.explore.Counterexample;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.explore.GmemInvalidation.FilterRule;
import dev.walkspec.runtime.explore.Strategy;
import dev.walkspec.suite.GmemScenarios;
import org.junit.jupiter.api.Test;

/**
 * The explored scenario gmem-punch-hole with the bundled x86 unmap handler: with the fixed
 * attr_filter rule the INIT_SHARED file's shared page is zapped from the direct root and flushed
 * before begin returns (H12), and the racing fault retries (H13); with the pre-fix rule (always
 * PRIVATE) the TDX VM zaps its mirror roots only, and the shared mapping outlives the invalidation.
 */
class GmemPunchHoleExploredTest {
  @Test
  void theFixedRuleLeavesNoStaleTranslationInAnySchedule() {
    ExplorationResult result =
        Explorer.explore(
            GmemScenarios.punchHole(X86UnmapHandler::new, FilterRule.FIXED),
            Strategy.dfs(GmemScenarios.BOUND));
    assertThat(result.counterexample()).isEmpty();
    assertThat(result.exhausted()).isTrue();
    assertThat(result.schedules()).as("the vCPUs race the invalidation").isGreaterThan(1);
  }

  @Test
  void thePreFixRuleLeavesTheSharedMappingInTheDirectRoot() {
    ExplorationResult result =
        Explorer.explore(
            GmemScenarios.punchHole(X86UnmapHandler::new, FilterRule.PRE_FIX),
            Strategy.dfs(GmemScenarios.BOUND));
    assertThat(result.counterexample()).isPresent();
    Counterexample c = result.counterexample().get();
    assertThat(c.obligation()).isEqualTo("H12");
    assertThat(c.related()).containsExactly("H9");
    // File page 10 of a binding at page 8 of a slot at gfn 0x100 is gfn 0x102 = 258. Begin returns
    // at its ninth step, with no other actor run: write_lock, invalidate_begin, range_add, the
    // handler's two reads of the root list, and its RCU-protected walk of the one root PRIVATE
    // selects (the mirror root, empty), then write_unlock. Root 0 is the direct root, the vCPUs'.
    assertThat(c.message())
        .isEqualTo(
            "H12: the invalidation of gfn [258,259) of as 0 begun by 'punch-hole' returned (step"
                + " 9), but root 0 of as 0 still maps gfn 258: the unmap handler did not zap it");
    assertThat(c.steps()).isEqualTo(9);
    assertThat(c.preemptions()).isZero();
    assertThat(c.stepTable())
        .contains(
            "kvm_mmu_invalidate_range_add: store mmu_invalidate {invalidate range gfn [258,259)")
        .contains("write_unlock: unlock_write mmu_lock  <-- H12");
  }
}
