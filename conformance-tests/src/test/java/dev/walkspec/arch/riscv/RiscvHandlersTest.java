package dev.walkspec.arch.riscv;

import static dev.walkspec.arch.testing.Obligations.Kind.AGE;
import static dev.walkspec.arch.testing.Obligations.Kind.TEST_AGE;
import static dev.walkspec.arch.testing.Obligations.Kind.UNMAP;
import static dev.walkspec.arch.testing.Sandbox.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.arch.history.RiscvUnmapTakesMmuLock;
import dev.walkspec.arch.testing.Obligations;
import dev.walkspec.arch.testing.Obligations.Outcome;
import dev.walkspec.arch.testing.Sandbox;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.RadixRoot;
import org.junit.jupiter.api.Test;

/**
 * riscv handlers as the kernel has them: right for what the notifiers pass most of the time (one
 * page, or one whole block), and visibly not for longer ranges or ranges that cut a block.
 */
class RiscvHandlersTest {
  private final Sandbox box = Sandbox.of(ArchProfile.RISCV);
  private final MemSlot slot = box.slot(0, 1, 0, 2048);
  private final RadixRoot root = box.root(0);

  RiscvHandlersTest() {
    box.map(root, 10, 1, true, false);
    box.map(root, 11, 1, true, false);
    box.map(root, 12, 1, true, false);
    box.map(root, 512, 2, true, false);
  }

  @Test
  void onePageOrOneWholeBlockAgesWithoutWarning() {
    RiscvAgeHandler age = new RiscvAgeHandler();
    Outcome page = Obligations.check(box, AGE, age, range(slot, 10, 11, false, false));
    Outcome block = Obligations.check(box, AGE, age, range(slot, 512, 1024, false, false));
    assertThat(page.findings()).isEmpty();
    assertThat(block.findings()).isEmpty();
    assertThat(page.result()).isTrue();
    assertThat(block.result()).isTrue();
    assertThat(box.young(root, 10)).isFalse();
    assertThat(box.young(root, 512)).isFalse();
    assertThat(age.warnings().count()).isZero();
  }

  @Test
  void aLongerRangeWarnsAndOnlyTheLeafAtStartIsAged() {
    RiscvAgeHandler age = new RiscvAgeHandler();
    Outcome o = Obligations.check(box, AGE, age, range(slot, 10, 13, false, false));

    assertThat(age.warnings().count()).isEqualTo(1);
    assertThat(age.warnings().recent())
        .singleElement()
        .asString()
        .contains("kvm_age_gfn", "[10,13)", "3 pages");
    assertThat(box.young(root, 10)).isFalse();
    assertThat(box.young(root, 11)).isTrue();
    assertThat(o.ids()).containsExactly("H9");
  }

  @Test
  void testAgeLooksAtTheStartOnlyToo() {
    RiscvTestAgeHandler test = new RiscvTestAgeHandler();
    assertThat(box.locked(new RiscvAgeHandler(), slot, 10, 11)).isTrue();
    Outcome o = Obligations.check(box, TEST_AGE, test, range(slot, 10, 13, false, false));
    assertThat(o.result()).isFalse();
    assertThat(o.ids()).containsExactlyInAnyOrder("H9", "H11");
    assertThat(test.warnings().count()).isEqualTo(1);
    Outcome one = Obligations.check(box, TEST_AGE, test, range(slot, 11, 12, false, false));
    assertThat(one.findings()).isEmpty();
    assertThat(one.result()).isTrue();
  }

  @Test
  void unmapClearsWholeLeavesFlushingEachItselfAndReturnsFalse() {
    box.touch(0, 0, 11, false);
    long flushes = box.world.tlbFlushes();
    Outcome o =
        Obligations.check(box, UNMAP, new RiscvUnmapHandler(), range(slot, 10, 12, false, false));
    assertThat(o.result()).isFalse();
    assertThat(box.world.tlbFlushes()).as("one flush per cleared leaf").isEqualTo(flushes + 2);
    assertThat(box.anyTlbMaps(0, 11)).isFalse();
    // It flushed itself for every leaf it cleared, so false is the right result (H11).
    assertThat(o.ids()).isEmpty();
  }

  @Test
  void unmapLeavesABlockTheRangeCutsAndStepsPastMappingsAfterIt() {
    box.map(root, 0, 2, true, false);
    box.map(root, 600, 1, true, false);
    box.map(root, 1050, 1, true, false);
    box.touch(0, 0, 600, false);

    Outcome o =
        Obligations.check(
            box, UNMAP, new RiscvUnmapHandler(), range(slot, 500, 1100, false, false));

    // The leaf at 500 is the block at 0, cut by the range: kept; the lookup then moves 512
    // pages on, to 1012, so the page at 600 is never looked at; 1050 is cleared.
    assertThat(box.leaf(root, 100)).isNotNull();
    assertThat(box.leaf(root, 600)).isNotNull();
    assertThat(box.leaf(root, 1050)).isNull();
    // Clearing 1050 flushed every TLB, so no stale TLB entry is left (no H12 finding), but the
    // tables still map 0-511 and 600 (H9); false is right for what it removed, which it flushed
    // itself (H11).
    assertThat(o.findings())
        .anyMatch(f -> f.startsWith("H9") && f.contains("gfn 0 level 2"))
        .anyMatch(f -> f.startsWith("H9") && f.contains("gfn 600 4K"));
    assertThat(o.ids()).containsExactly("H9");
  }

  @Test
  void unmapUnderTheWalksLockLeavesTheLockAsItFoundIt_theTrylockFails() {
    Outcome o =
        Obligations.check(box, UNMAP, new RiscvUnmapHandler(), range(slot, 10, 12, false, false));

    assertThat(o.ids()).isEmpty();
    assertThat(box.world.mmuLock().heldMode()).as("the walk released its own lock").isNull();
  }

  @Test
  void unmapCalledWithoutTheLockTakesItAndGivesItBack_theTrylockSucceeds() {
    boolean result =
        // Straight to the handler: the walk would hold the lock (W7); other callers need not.
        new RiscvUnmapHandler().handle(box.world, range(slot, 10, 12, false, false));

    assertThat(result).isFalse();
    assertThat(box.leaf(root, 10)).isNull();
    assertThat(box.leaf(root, 11)).isNull();
    assertThat(box.world.mmuLock().heldMode()).isNull();
  }

  @Test
  void theFixsSecondVersionTakesTheSpinlockTheWalkHolds_h1() {
    Outcome o =
        Obligations.check(
            box, UNMAP, new RiscvUnmapTakesMmuLock(), range(slot, 10, 12, false, false));

    assertThat(o.findings())
        .singleElement()
        .asString()
        .startsWith("H1: actor 'walker' takes the MMU lock (spin) while already holding it")
        .endsWith("the lock is not recursive, this would deadlock");
  }
}
