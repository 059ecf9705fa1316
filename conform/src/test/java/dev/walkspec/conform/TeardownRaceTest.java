package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.conform.ReproduceTest.Run;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 6: unmap-vs-root-free on the arches whose stage-2 root lives as long as the VM,
 * where the root freed is the VM's own, at teardown. riscv's unmap walks on in the root it read on
 * entry (H3, before and after dec9ed994434), the fix's second version takes the lock the walk holds
 * (H1), and an unmap that looks at the root again after each yield, riscv's what-if or arm64's
 * kernel code, exhausts every schedule.
 */
class TeardownRaceTest {
  private static Run explore(String set) {
    return ReproduceTest.walkspec(
        "explore", "--spec", "kvm.walk", "--handlers", set, "unmap-vs-root-free");
  }

  @Test
  void riscvAsTheKernelHasItWalksOnInTheFreedRoot_h3() {
    Run run = explore("riscv");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("scenario 'unmap-vs-root-free' breaks H3 (table lifetime)")
        .contains("after it was freed and its RCU grace period ended: use-after-free")
        .contains("while the VM's page tables are torn down (kvm_arch_flush_shadow_all")
        .contains("unmap handler dev.walkspec.arch.riscv.RiscvUnmapHandler");
  }

  @Test
  void riscvBeforeTheFixFailsTheSameWay_h3() {
    assertThat(explore("RiscvUnmapBeforeUafFix").out())
        .contains("scenario 'unmap-vs-root-free' breaks H3 (table lifetime)");
  }

  @Test
  void theFixsSecondVersionSelfDeadlocks_h1() {
    assertThat(explore("RiscvUnmapTakesMmuLock").out())
        .contains("scenario 'unmap-vs-root-free' breaks H1 (lock context)")
        .contains("the lock is not recursive, this would deadlock");
  }

  @Test
  void lookingAtTheRootAgainAfterEachYieldPasses() {
    for (String set : new String[] {"RiscvRereadsRoot", "arm64"}) {
      Run run = explore(set);
      assertThat(run.code()).as(set + ": " + run.out() + run.err()).isZero();
      assertThat(run.out())
          .as(set)
          .containsPattern("unmap-vs-root-free: dfs\\(bound=1\\): exhausted");
    }
  }
}
