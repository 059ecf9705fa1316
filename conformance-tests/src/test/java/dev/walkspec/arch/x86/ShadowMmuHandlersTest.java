package dev.walkspec.arch.x86;

import static dev.walkspec.arch.testing.Obligations.Kind.AGE;
import static dev.walkspec.arch.testing.Obligations.Kind.TEST_AGE;
import static dev.walkspec.arch.testing.Obligations.Kind.UNMAP;
import static dev.walkspec.arch.testing.Sandbox.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.arch.testing.Obligations;
import dev.walkspec.arch.testing.Obligations.Outcome;
import dev.walkspec.arch.testing.Sandbox;
import dev.walkspec.arch.testing.X86World;
import dev.walkspec.arch.whatif.ShadowAlignedStrideAccessTrackAgeHandler;
import dev.walkspec.arch.whatif.ShadowAlignedStrideAgeHandler;
import dev.walkspec.arch.whatif.ShadowAlignedStrideTestAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideTestAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowAccessTrackAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowTestAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Op;
import org.junit.jupiter.api.Test;

/**
 * The shadow MMU handlers and the combined x86 handlers on sequential x86 worlds: the shadow MMU's
 * pages are reached through the reverse maps, which list shadow entries only (never the TDP MMU's).
 */
class ShadowMmuHandlersTest {
  @Test
  void ageWalksTheReverseMapsUnderBitLocksOnlyAndReachesEveryShadowRoot() {
    X86World w = X86World.create(Mmus.SHADOW);
    Sandbox box = w.box;
    RadixRoot second = box.newShadowRoot(0);
    box.map(second, 11, 1, true, false);
    box.interposer.resetCounts();

    Outcome o =
        Obligations.check(box, AGE, new ShadowAgeHandler(), range(w.slot, 10, 600, false, true));

    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
    assertThat(box.young(w.shadowRoot, 10)).isFalse();
    assertThat(box.young(w.shadowRoot, 512)).isFalse();
    assertThat(box.young(second, 11)).as("the reverse map lists it too").isFalse();
    assertThat(box.interposer.count(Op.BIT_LOCK)).isPositive();
    assertThat(box.interposer.count(Op.BIT_LOCK)).isEqualTo(box.interposer.count(Op.BIT_UNLOCK));
  }

  /** A shadow-only VM, slot [0, 2048), with the 2 MiB blocks at 0 and 512 mapped huge. */
  private record TwoBlocks(Sandbox box, MemSlot slot) {
    static TwoBlocks create(boolean firstYoung) {
      Sandbox box = Sandbox.of(ArchProfile.X86, Mmus.SHADOW);
      MemSlot slot = box.slot(0, 1, 0, 2048);
      box.map(box.shadowRoot(0), 0, 2, firstYoung, false);
      box.map(box.shadowRoot(0), 512, 2, true, false);
      return new TwoBlocks(box, slot);
    }

    Outcome check(Obligations.Kind kind, GfnHandler handler) {
      return Obligations.check(box, kind, handler, range(slot, 500, 520, false, true));
    }

    boolean young(long gfn) {
      return box.young(box.shadowRoot(0), gfn);
    }
  }

  /**
   * H9, the kernel's stride: [500, 520) starts 500 pages into the 2 MiB block at 0 and ends in the
   * block at 512. At level 2 the kernel's walk looks up the head of gfn 500 (the block at 0), then
   * steps to 500 + 512 = 1012, past the end, and stops: the head of the block at 512 is never
   * visited, and that block, young and in the range, stays young. The age still returns true for
   * the block at 0, so H9 is the only finding.
   */
  @Test
  void theKernelsAgeStridingFromAnUnalignedStartMissesTheNextBlocksHead() {
    TwoBlocks v = TwoBlocks.create(true);
    Outcome o = v.check(AGE, new ShadowAgeHandler());
    assertThat(o.findings())
        .containsExactly(
            "H9: mappings of the range are still young after aging: root 0 gfn 512 level 2 PWA-");
    assertThat(o.result()).isTrue();
    assertThat(v.young(0)).as("the head of gfn 500 was visited").isFalse();
    assertThat(v.young(512)).as("the head of gfn 512 was not").isTrue();
  }

  /** The same range with only the missed block young: age and test_age both answer "old". */
  @Test
  void theKernelsStrideMakesAgeAndTestAgeAnswerOldForAYoungMissedBlock() {
    TwoBlocks v = TwoBlocks.create(false);
    Outcome test = v.check(TEST_AGE, new ShadowTestAgeHandler());
    assertThat(test.result()).isFalse();
    assertThat(test.findings())
        .containsExactly(
            "H9: a young mapping in the range was not reported (test_age returned false)",
            "H11: test_age returned false but young mappings in the range: true");
    Outcome age = v.check(AGE, new ShadowAgeHandler());
    assertThat(age.result()).isFalse();
    assertThat(age.findings())
        .containsExactly(
            "H9: mappings of the range are still young after aging: root 0 gfn 512 level 2 PWA-",
            "H11: age returned false although a mapping in the range was young");
  }

  /**
   * [500, 1100) misses too, and the block it misses is the third: the walk visits the heads of 500
   * (block 0) and 1012 (block 512), then 1524 is past the end; block 1024, which holds gfns 1024 to
   * 1099 of the range, is missed ((1100 - 1) mod 512 = 75 < 500 mod 512 = 500).
   */
  @Test
  void theKernelsStrideMissesTheLastBlockOfALongerUnalignedRange() {
    X86World w = X86World.create(Mmus.SHADOW);
    Outcome o =
        Obligations.check(
            w.box, AGE, new ShadowAgeHandler(), range(w.slot, 500, 1100, false, true));
    assertThat(o.findings())
        .containsExactly(
            "H9: mappings of the range are still young after aging: root 0 gfn 1024 level 2 PWA-");
    assertThat(w.box.young(w.shadowRoot, 512)).isFalse();
    assertThat(w.box.young(w.shadowRoot, 1024)).isTrue();
  }

  /**
   * Unaligned starts that miss nothing: [10, 600) visits the heads of 10 and 522, the blocks at 0
   * and 512 ((600 - 1) mod 512 = 87 is not below 10); [100, 1125) visits 100, 612 and 1124, the
   * blocks at 0, 512 and 1024 (1124 mod 512 = 100 is not below 100). And an aligned start never
   * misses: [512, 1100) visits 512 and 1024.
   */
  @Test
  void theKernelsStrideMissesNothingWhenTheEndsOffsetIsNotBelowTheStarts() {
    for (long[] r : new long[][] {{10, 600}, {100, 1125}, {512, 1100}}) {
      X86World w = X86World.create(Mmus.SHADOW);
      Outcome o =
          Obligations.check(
              w.box, AGE, new ShadowAgeHandler(), range(w.slot, r[0], r[1], false, true));
      assertThat(o.findings()).as("[%d, %d)", r[0], r[1]).isEmpty();
      assertThat(o.result()).isTrue();
    }
  }

  /** The what-if stride, block to block: the head of the block at 512 is visited (H9 met). */
  @Test
  void theAlignedStrideWhatIfAgesAndSeesBothBlocks() {
    TwoBlocks v = TwoBlocks.create(true);
    Outcome o = v.check(AGE, new ShadowAlignedStrideAgeHandler());
    assertThat(o.findings()).isEmpty();
    assertThat(v.young(0)).isFalse();
    assertThat(v.young(512)).isFalse();

    Outcome test = TwoBlocks.create(false).check(TEST_AGE, new ShadowAlignedStrideTestAgeHandler());
    assertThat(test.findings()).isEmpty();
    assertThat(test.result()).isTrue();
    X86World w = X86World.create(Mmus.SHADOW);
    Outcome longer =
        Obligations.check(
            w.box,
            AGE,
            new ShadowAlignedStrideAccessTrackAgeHandler(),
            range(w.slot, 500, 1100, false, true));
    assertThat(longer.findings()).isEmpty();
    assertThat(w.box.young(w.shadowRoot, 1024)).isFalse();
  }

  @Test
  void theTdpEntryAndTheShadowEntryOfOneGfnAreSeparate() {
    X86World w = X86World.create(Mmus.TDP_AND_SHADOW);
    assertThat(w.box.world.mmu(0).rmap(w.slot).count(10, 1))
        .as("the reverse map lists the shadow entry only")
        .isEqualTo(1);
    assertThat(w.box.lockless(new ShadowAgeHandler(), w.slot, 10, 11)).isTrue();
    assertThat(w.box.young(w.shadowRoot, 10)).isFalse();
    assertThat(w.box.young(w.root, 10)).as("the TDP MMU's entry is not the shadow MMU's").isTrue();
    assertThat(w.box.lockless(new X86TestAgeHandler(), w.slot, 10, 11))
        .as("still young through the TDP MMU")
        .isTrue();
    assertThat(w.box.unmap(new ShadowUnmapHandler(), w.slot, 10, 11, false)).isTrue();
    assertThat(w.box.leaf(w.root, 10)).as("zapping the shadow entry leaves TDP's").isNotNull();
  }

  @Test
  void x86AgeReportsYoungShadowEntriesWhenTheTdpMmuHasNone() {
    X86World w = X86World.create(Mmus.TDP_AND_SHADOW);
    assertThat(w.box.lockless(new TdpAgeHandler(), w.slot, 10, 12)).isTrue();
    Outcome o =
        Obligations.check(w.box, AGE, new X86AgeHandler(), range(w.slot, 10, 12, false, true));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).as("the shadow entries of 10 and 11 were young").isTrue();
    assertThat(w.box.young(w.shadowRoot, 11)).isFalse();
  }

  @Test
  void testAgeReadsOnlyAndReleasesTheHeadItStoppedIn() {
    X86World w = X86World.create(Mmus.SHADOW);
    w.box.interposer.resetCounts();
    Outcome o =
        Obligations.check(
            w.box, TEST_AGE, new ShadowTestAgeHandler(), range(w.slot, 0, 2000, false, true));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
    assertThat(w.box.interposer.count(Op.FETCH_AND)).isZero();
    assertThat(w.box.interposer.count(Op.BIT_LOCK))
        .isEqualTo(w.box.interposer.count(Op.BIT_UNLOCK));
  }

  @Test
  void withoutAdBitsOneCompareAndSwapPerYoungEntry() {
    X86World w = X86World.create(Mmus.SHADOW);
    w.box.interposer.resetCounts();
    Outcome o =
        Obligations.check(
            w.box, AGE, new ShadowAccessTrackAgeHandler(), range(w.slot, 0, 2000, false, true));
    assertThat(o.findings()).isEmpty();
    assertThat(w.box.interposer.count(Op.CAS)).isEqualTo(4);
    assertThat(w.box.interposer.count(Op.FETCH_AND)).isZero();
  }

  @Test
  void aVmWithoutShadowPagesHasNoShadowWorkButX86AgeStillAgesTheTdpMmu() {
    X86World w = X86World.create(Mmus.TDP);
    assertThat(w.box.lockless(new ShadowAgeHandler(), w.slot, 0, 2000)).isFalse();
    assertThat(w.box.young(w.root, 10)).isTrue();
    Outcome o =
        Obligations.check(w.box, AGE, new X86AgeHandler(), range(w.slot, 0, 2000, false, true));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
  }

  @Test
  void unmapEmptiesTheReverseMapsAndYieldsOnlyWhenItMayBlock() {
    for (boolean mayBlock : new boolean[] {true, false}) {
      Sandbox box = Sandbox.of(ArchProfile.X86, Mmus.SHADOW);
      MemSlot slot = box.slot(0, 1, 0, 2048);
      for (long gfn = 0; gfn < 70; gfn++) {
        box.map(box.shadowRoot(0), gfn, 1, gfn % 3 == 0, false);
      }
      box.map(box.shadowRoot(0), 512, 2, true, true);
      box.touch(0, 0, 5, false);
      box.interposer.resetCounts();
      Outcome o =
          Obligations.check(
              box, UNMAP, new ShadowUnmapHandler(), range(slot, 0, 600, mayBlock, false));
      assertThat(o.findings()).isEmpty();
      assertThat(o.result()).isTrue();
      assertThat(box.world.mmu(0).rmap(slot).count(5, 1)).isZero();
      assertThat(box.world.mmu(0).rmap(slot).count(512, 2)).isZero();
      // 600 heads at level 1, 2 at level 2, 1 at level 3: a chance to yield every 32 heads.
      assertThat(box.interposer.count(Op.RESCHED))
          .isEqualTo(mayBlock ? 603 / ShadowUnmapHandler.YIELD_EVERY : 0);
    }
  }

  @Test
  void x86TestAgeSkipsTheShadowMmuOnceTheTdpMmuFoundYoung() {
    X86World w = X86World.create(Mmus.TDP_AND_SHADOW);
    w.box.interposer.resetCounts();
    assertThat(w.box.lockless(new X86TestAgeHandler(), w.slot, 10, 11)).isTrue();
    assertThat(w.box.interposer.count(Op.BIT_LOCK)).isZero();

    w.box.interposer.resetCounts();
    assertThat(w.box.lockless(new X86TestAgeHandler(), w.slot, 12, 13)).isFalse();
    assertThat(w.box.interposer.count(Op.BIT_LOCK)).as("asks the shadow MMU too").isPositive();
  }

  @Test
  void theCombinedWhatIfX86HandlersMeetTheirObligations() {
    // [100, 1100) ends 75 pages into the block at 1024, which the kernel's stride misses (see
    // below); the what-if set's stride does not.
    X86World w = X86World.create(Mmus.TDP_AND_SHADOW);
    GfnRange range = range(w.slot, 100, 1100, false, true);
    Outcome test = Obligations.check(w.box, TEST_AGE, new X86AlignedStrideTestAgeHandler(), range);
    assertThat(test.findings()).isEmpty();
    assertThat(test.result()).isTrue();
    Outcome age = Obligations.check(w.box, AGE, new X86AlignedStrideAgeHandler(), range);
    assertThat(age.findings()).isEmpty();
    assertThat(age.result()).isTrue();
    Outcome again = Obligations.check(w.box, AGE, new X86AlignedStrideAgeHandler(), range);
    assertThat(again.result()).as("nothing young any more").isFalse();
    w.box.touch(0, 0, 11, false);
    Outcome unmap =
        Obligations.check(w.box, UNMAP, new X86UnmapHandler(), range(w.slot, 0, 2000, true, false));
    assertThat(unmap.findings()).isEmpty();
    assertThat(unmap.result()).isTrue();
  }

  @Test
  void theKernelsCombinedX86AgeLeavesTheShadowMmusMissedBlockYoung() {
    // The TDP MMU's pass ages its block at 1024; the shadow MMU's, stepping 100, 612, 1124, never
    // looks up the head of the block at 1024, so the shadow entry there stays young (H9). test_age
    // is right here only because the TDP MMU answers young first.
    X86World w = X86World.create(Mmus.TDP_AND_SHADOW);
    GfnRange range = range(w.slot, 100, 1100, false, true);
    Outcome test = Obligations.check(w.box, TEST_AGE, new X86TestAgeHandler(), range);
    assertThat(test.findings()).isEmpty();
    Outcome age = Obligations.check(w.box, AGE, new X86AgeHandler(), range);
    assertThat(age.findings())
        .containsExactly(
            "H9: mappings of the range are still young after aging: root 1 gfn 1024 level 2 PWA-");
    assertThat(w.box.young(w.root, 1024)).as("the TDP MMU's entry").isFalse();
    assertThat(w.box.young(w.shadowRoot, 1024)).as("the shadow MMU's entry").isTrue();
  }

  @Test
  void theKernelsCombinedX86HandlersMeetTheirObligationsWhereTheStrideMissesNothing() {
    X86World w = X86World.create(Mmus.TDP_AND_SHADOW);
    GfnRange range = range(w.slot, 100, 1125, false, true);
    assertThat(Obligations.check(w.box, TEST_AGE, new X86TestAgeHandler(), range).findings())
        .isEmpty();
    Outcome age = Obligations.check(w.box, AGE, new X86AgeHandler(), range);
    assertThat(age.findings()).isEmpty();
    assertThat(age.result()).isTrue();
    assertThat(Obligations.check(w.box, AGE, new X86AgeHandler(), range).result())
        .as("nothing young any more")
        .isFalse();
  }
}
