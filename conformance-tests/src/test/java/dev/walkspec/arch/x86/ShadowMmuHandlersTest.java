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
import dev.walkspec.arch.x86.shadow.ShadowAccessTrackAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowTestAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
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

  @Test
  void aRangeStartingInOneBlockAndEndingInTheNextAgesBothBlocks() {
    Sandbox box = Sandbox.of(ArchProfile.X86, Mmus.SHADOW);
    MemSlot slot = box.slot(0, 1, 0, 2048);
    box.map(box.shadowRoot(0), 0, 2, true, false);
    box.map(box.shadowRoot(0), 512, 2, true, false);
    Outcome o =
        Obligations.check(box, AGE, new ShadowAgeHandler(), range(slot, 500, 520, false, true));
    assertThat(o.findings()).isEmpty();
    assertThat(box.young(box.shadowRoot(0), 0)).isFalse();
    assertThat(box.young(box.shadowRoot(0), 512)).isFalse();
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
  void theCombinedX86HandlersMeetTheirObligations() {
    X86World w = X86World.create(Mmus.TDP_AND_SHADOW);
    Outcome test =
        Obligations.check(
            w.box, TEST_AGE, new X86TestAgeHandler(), range(w.slot, 100, 1100, false, true));
    assertThat(test.findings()).isEmpty();
    assertThat(test.result()).isTrue();
    Outcome age =
        Obligations.check(w.box, AGE, new X86AgeHandler(), range(w.slot, 100, 1100, false, true));
    assertThat(age.findings()).isEmpty();
    assertThat(age.result()).isTrue();
    Outcome again =
        Obligations.check(w.box, AGE, new X86AgeHandler(), range(w.slot, 100, 1100, false, true));
    assertThat(again.result()).as("nothing young any more").isFalse();
    w.box.touch(0, 0, 11, false);
    Outcome unmap =
        Obligations.check(w.box, UNMAP, new X86UnmapHandler(), range(w.slot, 0, 2000, true, false));
    assertThat(unmap.findings()).isEmpty();
    assertThat(unmap.result()).isTrue();
  }
}
