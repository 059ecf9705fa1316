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
import dev.walkspec.arch.x86.tdp.TdpAccessTrackAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpTestAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpWriteProtect;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.sched.Op;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The TDP MMU handlers on sequential x86 worlds. */
class TdpMmuHandlersTest {
  private static final Set<Op> ENTRY_WRITES =
      EnumSet.of(Op.STORE, Op.CAS, Op.FETCH_AND, Op.FETCH_OR, Op.EXCHANGE);

  @Test
  void ageClearsAccessedInEveryValidRootKeepsDirtyAndLeavesInvalidRootsAlone() {
    X86World w = X86World.create();
    Sandbox box = w.box;
    RadixRoot second = box.newRoot(0);
    RadixRoot dying = box.newRoot(0);
    box.map(second, 10, 1, true, true);
    box.map(dying, 10, 1, true, false);
    box.invalidate(dying);

    Outcome o =
        Obligations.check(box, AGE, new TdpAgeHandler(), range(w.slot, 5, 600, false, true));

    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
    assertThat(box.young(w.root, 10)).isFalse();
    assertThat(box.young(w.root, 11)).isFalse();
    assertThat(box.young(w.root, 512)).as("2 MiB block that the range cuts").isFalse();
    assertThat(box.young(second, 10)).isFalse();
    assertThat(box.world.codec().dirty(box.leaf(second, 10).entry())).isTrue();
    assertThat(box.young(dying, 10)).as("aging visits valid roots only, as the kernel").isTrue();
    assertThat(box.young(w.root, 1024)).isTrue();
    assertThat(box.young(box.root(1), 10)).as("the SMM address space").isTrue();
  }

  @Test
  void rangesStartingAndEndingInsideHugeMappingsAgeBothBlocks() {
    X86World w = X86World.create();
    Outcome test =
        Obligations.check(
            w.box, TEST_AGE, new TdpTestAgeHandler(), range(w.slot, 1000, 1001, false, true));
    assertThat(test.findings()).isEmpty();
    assertThat(test.result()).isTrue();

    Outcome age =
        Obligations.check(w.box, AGE, new TdpAgeHandler(), range(w.slot, 700, 1100, false, true));
    assertThat(age.findings()).isEmpty();
    assertThat(w.box.young(w.root, 512)).isFalse();
    assertThat(w.box.young(w.root, 1024)).isFalse();
    assertThat(w.box.young(w.root, 10)).isTrue();
  }

  @Test
  void oldMappingsAndHolesGiveFalseWithoutComplaint() {
    X86World w = X86World.create();
    Outcome o =
        Obligations.check(w.box, AGE, new TdpAgeHandler(), range(w.slot, 12, 500, false, true));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isFalse();
    Outcome t =
        Obligations.check(
            w.box, TEST_AGE, new TdpTestAgeHandler(), range(w.slot, 12, 500, false, true));
    assertThat(t.findings()).isEmpty();
    assertThat(t.result()).isFalse();
  }

  @Test
  void testAgeWritesNothing() {
    X86World w = X86World.create();
    w.box.interposer.resetCounts();
    Outcome o =
        Obligations.check(
            w.box, TEST_AGE, new TdpTestAgeHandler(), range(w.slot, 0, 2000, false, true));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
    for (Op write : ENTRY_WRITES) {
      assertThat(w.box.interposer.count(write)).as(write.render()).isZero();
    }
  }

  @Test
  void h6AnEntryZappedBetweenReadAndClearIsSkippedQuietly() {
    X86World w = X86World.create();
    Sandbox box = w.box;
    box.interposer.arm(
        EnumSet.of(Op.FETCH_AND),
        1,
        (page, index) ->
            Sandbox.asActor(
                "zapper",
                () ->
                    box.world.withExclusiveLock(
                        () -> w.root.zapRange(page.gfnOf(index), page.gfnOf(index) + 1))));

    boolean young = box.lockless(new TdpAgeHandler(), w.slot, 10, 12);

    assertThat(box.interposer.fired()).isEqualTo(1);
    assertThat(young).isTrue();
    assertThat(box.leaf(w.root, 10)).as("zapped by the other actor").isNull();
    assertThat(box.young(w.root, 11)).isFalse();
  }

  @Test
  void withoutAdBitsALostCompareAndSwapCountsYoungAndIsNotRetried() {
    X86World w = X86World.create();
    Sandbox box = w.box;
    EntryCodec codec = box.world.codec();
    box.interposer.resetCounts();
    // The guest writes gfn 10 (hardware sets Dirty) between the handler's read and its CAS.
    box.interposer.arm(
        EnumSet.of(Op.CAS),
        1,
        (page, index) -> {
          long v = page.load(index);
          page.compareAndSet(index, v, v | codec.dirtyMask());
        });

    boolean young = box.lockless(new TdpAccessTrackAgeHandler(), w.slot, 10, 12);

    assertThat(young).isTrue();
    assertThat(box.interposer.count(Op.CAS)).as("one CAS per young leaf").isEqualTo(2);
    long ten = box.leaf(w.root, 10).entry();
    assertThat(codec.accessed(ten)).as("the lost CAS is not retried").isTrue();
    assertThat(codec.dirty(ten)).isTrue();
    assertThat(box.young(w.root, 11)).isFalse();
  }

  @Test
  void unmapZapsValidAndInvalidRootsAndNoTranslationSurvivesTheFlush() {
    Sandbox box = Sandbox.of(ArchProfile.X86);
    MemSlot slot = box.slot(0, 1, 0, 2048);
    box.touch(0, 0, 20, true);
    box.touch(1, 0, 21, false);
    RadixRoot old = box.root(0);
    box.invalidate(old);
    box.newRoot(0);
    box.touch(0, 0, 600, false);
    assertThat(box.anyTlbMaps(0, 20)).isTrue();

    Outcome o =
        Obligations.check(box, UNMAP, new TdpUnmapHandler(), range(slot, 20, 700, false, false));

    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isTrue();
    assertThat(box.leaves()).isEmpty();
    assertThat(box.anyTlbMaps(0, 20)).isFalse();
    assertThat(box.anyTlbMaps(0, 600)).isFalse();
  }

  @Test
  void unmapOfNothingReturnsFalseAndLeavesTheRestAlone() {
    X86World w = X86World.create();
    Outcome o =
        Obligations.check(
            w.box, UNMAP, new TdpUnmapHandler(), range(w.slot, 100, 500, false, false));
    assertThat(o.findings()).isEmpty();
    assertThat(o.result()).isFalse();
    assertThat(w.box.leaves()).hasSize(7);
  }

  @Test
  void unmapYieldsTheLockOnLongRangesOnlyWhenItMayBlock() {
    for (boolean mayBlock : new boolean[] {true, false}) {
      Sandbox box = Sandbox.of(ArchProfile.X86);
      MemSlot slot = box.slot(0, 1, 0, 2048);
      for (long gfn = 0; gfn < 100; gfn++) {
        box.map(box.root(0), gfn, 1, true, true);
      }
      box.interposer.resetCounts();
      Outcome o =
          Obligations.check(
              box, UNMAP, new TdpUnmapHandler(), range(slot, 0, 2048, mayBlock, false));
      assertThat(o.findings()).isEmpty();
      assertThat(box.interposer.count(Op.RESCHED))
          .as("yields with may_block=" + mayBlock)
          .isEqualTo(mayBlock ? 100 / TdpUnmapHandler.YIELD_EVERY : 0);
    }
  }

  @Test
  void h5WriteProtectKeepsADirtyBitSetBetweenItsLoadAndItsWrite() {
    X86World w = X86World.create();
    Sandbox box = w.box;
    EntryCodec codec = box.world.codec();
    box.interposer.arm(ENTRY_WRITES, 1, (page, index) -> hardwareWrite(codec, page, index));

    boolean[] changed = new boolean[1];
    box.world.withExclusiveLock(
        () -> changed[0] = new TdpWriteProtect().writeProtect(box.world, w.slot, 10, 11));

    assertThat(changed[0]).isTrue();
    long ten = box.leaf(w.root, 10).entry();
    assertThat(codec.writable(ten)).isFalse();
    assertThat(codec.dirty(ten)).as("the hardware's Dirty bit survives").isTrue();
    assertThat(box.leaf(w.root, 11).entry() & codec.writableMask()).isNotZero();
  }

  @Test
  void writeProtectUsesAPlainStoreOnlyWhereNothingElseCanWrite() {
    Sandbox box = Sandbox.of(ArchProfile.X86);
    MemSlot slot = box.slot(0, 1, 0, 64);
    EntryCodec codec = box.world.codec();
    TdpWriteProtect locked = new TdpWriteProtect(false);
    long settled = codec.leaf(1, 1, true, true, true);
    assertThat(locked.isVolatile(codec, settled)).isFalse();
    assertThat(locked.isVolatile(codec, codec.leaf(1, 1, true, true, false))).isTrue();
    assertThat(new TdpWriteProtect().isVolatile(codec, settled)).isTrue();

    box.map(box.root(0), 3, 1, true, true);
    box.interposer.resetCounts();
    box.world.withExclusiveLock(() -> locked.writeProtect(box.world, slot, 0, 64));
    assertThat(box.interposer.count(Op.STORE)).isEqualTo(1);
    assertThat(box.interposer.count(Op.FETCH_AND)).isZero();

    box.map(box.root(0), 3, 1, true, true);
    box.interposer.resetCounts();
    box.world.withExclusiveLock(() -> new TdpWriteProtect().writeProtect(box.world, slot, 0, 64));
    assertThat(box.interposer.count(Op.STORE)).isZero();
    assertThat(box.interposer.count(Op.FETCH_AND)).isEqualTo(1);
  }

  /** What the hardware does on a guest write to a writable entry: set Accessed and Dirty. */
  static void hardwareWrite(EntryCodec codec, dev.walkspec.runtime.mmu.TablePage page, int index) {
    long v = page.load(index);
    if (codec.present(v) && codec.writable(v)) {
      page.compareAndSet(index, v, v | codec.accessedMask() | codec.dirtyMask());
    }
  }
}
