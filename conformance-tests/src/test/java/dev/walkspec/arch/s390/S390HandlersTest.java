package dev.walkspec.arch.s390;

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
import dev.walkspec.runtime.world.LocklessReadLocks;
import org.junit.jupiter.api.Test;

/**
 * s390's gmap handlers (v7.0): lockless aging that takes the MMU lock for read (H1 allows it), and
 * an unmap whose zaps keep the TLBs coherent, so that its false is right (H11) and no vCPU keeps a
 * translation (H12) although nothing flushes.
 */
class S390HandlersTest {
  /** s390 in the runtime: an rwlock, faults under the read lock, coherent zaps. */
  static final ArchProfile S390 = ArchProfile.ARM64.named("s390").withCoherentZap(true);

  private final Sandbox box = Sandbox.of(S390, 2);
  private final MemSlot slot = box.slot(0, 1, 0, 2048);
  private final RadixRoot root = box.root(0);

  S390HandlersTest() {
    box.map(root, 0, 2, true, false);
    box.map(root, 512, 2, true, true);
    box.map(root, 1100, 1, true, false);
    box.map(root, 1536, 2, true, false);
  }

  @Test
  void locklessAgingTakesTheReadLockAndCoversLargeEntriesCutByTheRange() {
    long before = box.world.mmuLock().locklessReadTakes();
    Outcome test =
        Obligations.check(
            box, TEST_AGE, new S390TestAgeHandler(), range(slot, 700, 1101, false, true));
    assertThat(test.findings()).isEmpty();
    assertThat(test.result()).isTrue();
    Outcome age =
        Obligations.check(box, AGE, new S390AgeHandler(), range(slot, 700, 1101, false, true));
    assertThat(age.findings()).isEmpty();
    assertThat(age.result()).isTrue();
    assertThat(box.young(root, 512)).as("the segment the range starts in is aged whole").isFalse();
    assertThat(box.young(root, 1100)).isFalse();
    assertThat(box.young(root, 0)).isTrue();
    assertThat(box.young(root, 1536)).isTrue();
    assertThat(box.world.codec().dirty(box.leaf(root, 512).entry()))
        .as("dirtiness survives aging (the kernel moves it to the folio)")
        .isTrue();
    // Each call took the lock for read once: allowed by H1, counted for the advisory note.
    assertThat(box.world.mmuLock().locklessReadTakes()).isEqualTo(before + 2);
    assertThat(LocklessReadLocks.handlers())
        .as("recorded for the conform report's advisory notes")
        .contains(S390AgeHandler.class.getName(), S390TestAgeHandler.class.getName());
    Outcome again =
        Obligations.check(box, AGE, new S390AgeHandler(), range(slot, 700, 1101, false, true));
    assertThat(again.findings()).isEmpty();
    assertThat(again.result()).isFalse();
  }

  @Test
  void unmapReturnsFalseAndLeavesNoTranslationWithoutAFlush() {
    box.touch(0, 0, 20, true);
    box.touch(1, 0, 600, false);
    long flushes = box.world.tlbFlushes();

    Outcome o =
        Obligations.check(box, UNMAP, new S390UnmapHandler(), range(slot, 20, 30, false, false));

    assertThat(o.result()).isFalse();
    assertThat(box.leaf(root, 0)).as("the large entry the range cuts is emptied whole").isNull();
    assertThat(box.leaf(root, 512)).isNotNull();
    assertThat(box.world.tlbFlushes())
        .as("no remote flush: the zap purged the TLBs")
        .isEqualTo(flushes);
    assertThat(box.anyTlbMaps(0, 20)).isFalse();
    // H9, H10, H11 (false is right for a coherent zap) and H12 all hold.
    assertThat(o.findings()).isEmpty();
  }

  @Test
  void theSameUnmapInAWorldWhoseZapsNeedAFlushBreaksH11AndH12() {
    Sandbox plain = Sandbox.of(ArchProfile.ARM64, 2);
    MemSlot s = plain.slot(0, 1, 0, 2048);
    plain.map(plain.root(0), 0, 2, true, false);
    plain.touch(0, 0, 20, true);
    Outcome o =
        Obligations.check(plain, UNMAP, new S390UnmapHandler(), range(s, 20, 30, false, false));
    assertThat(o.result()).isFalse();
    assertThat(o.ids()).contains("H11", "H12");
  }

  @Test
  void agingUnderTheWalksWriteLockTakesTheLockASecondTime() {
    // A locked walk (v6.14's) already holds the lock: the read lock on top is refused (H1).
    Outcome o =
        Obligations.check(box, AGE, new S390AgeHandler(), range(slot, 0, 2048, false, false));
    assertThat(o.ids()).containsExactly("H1");
  }
}
