package dev.walkspec.arch.loongarch;

import static dev.walkspec.arch.testing.Obligations.Kind.AGE;
import static dev.walkspec.arch.testing.Obligations.Kind.TEST_AGE;
import static dev.walkspec.arch.testing.Obligations.Kind.UNMAP;
import static dev.walkspec.arch.testing.Sandbox.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.arch.testing.Obligations;
import dev.walkspec.arch.testing.Obligations.Outcome;
import dev.walkspec.arch.testing.Sandbox;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Op;
import org.junit.jupiter.api.Test;

/** LoongArch handlers (on the spinlock profile): plain writes, right only under the lock. */
class LoongarchHandlersTest {
  private final Sandbox box = Sandbox.of(ArchProfile.RISCV);
  private final MemSlot slot = box.slot(0, 1, 0, 2048);
  private final MemSlot neighbour = box.slot(0, 2, 2048, 512);
  private final RadixRoot root = box.root(0);

  LoongarchHandlersTest() {
    box.map(root, 10, 1, true, false);
    box.map(root, 512, 2, false, false);
    box.map(root, 1024, 2, true, true);
    box.map(root, 2050, 1, true, false);
  }

  @Test
  void lockedAgingWithPlainStoresCoversTheRange() {
    box.interposer.resetCounts();
    Outcome o =
        Obligations.check(box, AGE, new LoongarchAgeHandler(), range(slot, 5, 1030, false, false));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
    assertThat(box.interposer.count(Op.STORE)).isEqualTo(2);
    assertThat(box.interposer.count(Op.FETCH_AND) + box.interposer.count(Op.CAS)).isZero();
    assertThat(box.world.codec().dirty(box.leaf(root, 1024).entry())).isTrue();
    assertThat(box.young(root, 2050)).as("the neighbouring slot").isTrue();
  }

  @Test
  void testAgeReadsTheWholeRange() {
    Outcome o =
        Obligations.check(
            box, TEST_AGE, new LoongarchTestAgeHandler(), range(slot, 600, 1100, false, false));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
    Outcome old =
        Obligations.check(
            box, TEST_AGE, new LoongarchTestAgeHandler(), range(slot, 600, 700, false, false));
    assertThat(old.findings()).isEmpty();
    assertThat(old.result()).isFalse();
  }

  @Test
  void unmapReturnsTrueAndNothingStaysReachable() {
    box.touch(0, 0, 10, true);
    box.touch(1, 0, 1500, false);
    Outcome o =
        Obligations.check(
            box, UNMAP, new LoongarchUnmapHandler(), range(slot, 0, 2048, true, false));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
    assertThat(box.anyTlbMaps(0, 1500)).isFalse();
    assertThat(box.leaf(root, 2050)).isNotNull();
  }

  @Test
  void withoutTheLockAgingIsRefused() {
    Outcome o =
        Obligations.check(box, AGE, new LoongarchAgeHandler(), range(slot, 0, 2048, false, true));
    assertThat(o.ids()).containsExactly("H3");
    assertThat(box.young(root, 10)).isTrue();
    assertThat(neighbour.gfnEnd()).isEqualTo(2560);
  }
}
