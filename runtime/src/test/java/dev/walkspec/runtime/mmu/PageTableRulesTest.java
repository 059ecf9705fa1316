package dev.walkspec.runtime.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.RmapCursor;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Arm64EntryCodec;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.arch.RiscvEntryCodec;
import dev.walkspec.runtime.arch.X86EntryCodec;
import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageTableRulesTest {
  private World world;
  private RadixRoot root;

  @BeforeEach
  void setUp() {
    Actor.bind("aging");
    world = World.builder(ArchProfile.X86).build();
    root = world.mmu(0).currentRoot();
    world.withExclusiveLock(() -> root.map(8, 1, 100, true, true, false));
  }

  @Test
  void h3WalkingWithoutLockOrRcuIsRejected() {
    assertThatThrownBy(() -> root.walk(0, 16))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "H3: walking the tables of root 0 requires the MMU lock or an RCU read section, but"
                + " actor 'aging' has neither");
    assertThatThrownBy(() -> world.mmu(0).rcuRoots())
        .hasMessageContaining(
            "H3: iterating the roots of as 0 locklessly requires an rcu read section");
    assertThatThrownBy(() -> world.mmu(0).roots())
        .hasMessageContaining("H3")
        .hasMessageContaining("holds nothing");
  }

  @Test
  void locklessAgingUnderRcuIsAllowedButStructuralChangesAreNot() {
    world.rcu().readLock();
    try {
      List<Root> roots = world.mmu(0).rcuValidRoots();
      assertThat(roots).hasSize(1);
      assertThat(roots.get(0).ageRange(0, 16)).isTrue();
      assertThat(roots.get(0).testAgeRange(0, 16)).isFalse();
      assertThatThrownBy(() -> roots.get(0).zapRange(0, 16))
          .hasMessage(
              "H7: zapping gfns [0,16) of root 0 requires the MMU lock held for write, but actor"
                  + " 'aging' holds nothing");
      EntryCursor walk = roots.get(0).walk(0, 16);
      assertThat(walk.next()).isTrue();
      assertThatThrownBy(() -> walk.store(0))
          .hasMessageContaining("H4: plain store to entry 8 of table page #")
          .hasMessageContaining("atomic read-modify-write");
      assertThatThrownBy(walk::zap).hasMessageContaining("H7");
      assertThat(walk.compareAndSet(walk.load(), walk.load())).isTrue();
    } finally {
      world.rcu().readUnlock();
    }
  }

  @Test
  void h6AWalkSkipsEntriesZappedUnderIt() {
    world.withExclusiveLock(() -> root.map(9, 1, 101, true, true, false));
    world.rcu().readLock();
    EntryCursor walk = root.walk(0, 16);
    assertThat(walk.next()).isTrue();
    world.withExclusiveLock(() -> root.zapRange(9, 10));
    assertThat(walk.next()).isFalse();
    world.rcu().readUnlock();
  }

  @Test
  void h3ASnapshotNeedsTheLockExclusively() {
    assertThatThrownBy(() -> root.forEachLeaf(16, (gfn, level, entry) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a snapshot of root " + root.id() + " needs the MMU lock exclusively");
  }

  @Test
  void h3ASnapshotReadingAFreedPageStillLinkedFailsAsTheWalkDoes() {
    world.withExclusiveLock(
        () -> {
          LeafCursor walk = (LeafCursor) root.walk(0, 16);
          assertThat(walk.next()).isTrue();
          walk.current().poison();
          Throwable byWalk = catchThrowable(() -> root.walk(0, 16).next());
          Throwable bySnapshot =
              catchThrowable(() -> root.forEachLeaf(16, (gfn, level, entry) -> {}));
          assertThat(byWalk).isInstanceOf(RuleViolation.class).hasMessageContaining("H3");
          assertThat(bySnapshot).isInstanceOf(RuleViolation.class).hasMessage(byWalk.getMessage());
        });
  }

  @Test
  void invalidRootsKeepTheirMappingsUntilZappedAndFreedRootsArePoisoned() {
    world.mmuLock().lockWrite();
    RadixRoot second = world.mmu(0).newRoot();
    second.map(8, 1, 100, true, false, false);
    world.mmu(0).invalidate(second);
    assertThat(world.mmu(0).validRoots()).containsExactly(root);
    assertThat(world.mmu(0).roots()).containsExactly(root, second);
    assertThat(second.testAgeRange(0, 16)).isFalse();
    assertThat(second.walk(0, 16).next())
        .as("an invalid root still maps (C1 must zap it)")
        .isTrue();
    assertThatThrownBy(() -> world.mmu(0).free(root)).hasMessageContaining("still valid");
    world.mmu(0).free(second);
    world.mmuLock().unlockWrite();
    world.quiesce();
    assertThat(second.top().poisoned()).isTrue();
  }

  @Test
  void rmapsListShadowEntriesOnlyAndFollowMapAndZapAcrossShadowRoots() {
    World both = World.builder(ArchProfile.X86).mmus(Mmus.TDP_AND_SHADOW).build();
    MemSlot slot = both.createSlot(new MemSlot(0, 1, 0, 1024, 0x100000, 0));
    SlotRmap rmap = both.mmu(0).rmap(slot);
    both.mmuLock().lockWrite();
    try {
      RadixRoot tdp = both.mmu(0).currentRoot();
      RadixRoot shadow = both.mmu(0).currentShadowRoot();
      RadixRoot secondShadow = both.mmu(0).newShadowRoot();
      tdp.map(20, 1, 5, true, true, false);
      assertThat(rmap.count(20, 1))
          .as("a TDP entry is never in the reverse maps, as in the kernel")
          .isZero();
      shadow.map(20, 1, 5, true, true, false);
      secondShadow.map(20, 1, 5, true, false, false);
      shadow.map(512, 2, 9, true, true, false);
      assertThat(rmap.count(20, 1)).isEqualTo(2);
      assertThat(rmap.count(512, 2)).isEqualTo(1);
      assertThat(both.mmu(0).roots()).as("roots() lists the TDP MMU's").containsExactly(tdp);
      int young = 0;
      try (RmapCursor cursor = rmap.lock(20, 1)) {
        while (cursor.next()) {
          assertThat(cursor.gfn()).isEqualTo(20);
          long old = cursor.fetchAnd(~both.codec().accessedMask());
          young += both.codec().accessed(old) ? 1 : 0;
        }
      }
      assertThat(young).isEqualTo(1);
      assertThat(tdp.testAgeRange(20, 21))
          .as("aging the shadow entries left the TDP entry of the same gfn young")
          .isTrue();
      shadow.zapRange(20, 21);
      assertThat(rmap.count(20, 1)).isEqualTo(1);
      try (RmapCursor cursor = rmap.lock(20, 1)) {
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.zap()).isTrue();
      }
      assertThat(rmap.count(20, 1)).isZero();
      assertThat(secondShadow.walk(0, 1024).next()).isFalse();
      assertThat(tdp.walk(20, 21).next()).as("zapping through the rmaps leaves TDP alone").isTrue();
      assertThatThrownBy(() -> rmap.lock(5000, 1))
          .hasMessageContaining("no reverse map for gfn 5000");
    } finally {
      both.mmuLock().unlockWrite();
    }
    both.deleteSlot(0, 1);
    assertThatThrownBy(() -> both.mmu(0).rmap(slot)).hasMessageContaining("has no reverse map");
  }

  @Test
  void aVmWithoutShadowPagesKeepsNoReverseMapsAndOneWithoutTheTdpMmuNoTdpRoots() {
    MemSlot slot = world.createSlot(new MemSlot(0, 1, 0, 1024, 0x100000, 0));
    assertThat(world.mmu(0).hasRmaps()).isFalse();
    assertThatThrownBy(() -> world.mmu(0).rmap(slot))
        .hasMessage(
            "this VM keeps no reverse maps: it has no shadow MMU pages (TDP MMU); ask hasRmaps()"
                + " first");
    World shadowOnly = World.builder(ArchProfile.X86).mmus(Mmus.SHADOW).build();
    shadowOnly.mmuLock().lockWrite();
    try {
      assertThat(shadowOnly.mmu(0).roots()).isEmpty();
      assertThat(shadowOnly.mmu(0).peekShadowRoots()).hasSize(1);
      assertThatThrownBy(() -> shadowOnly.mmu(0).newRoot())
          .hasMessage("this VM has no TDP MMU (shadow MMU): it has no TDP roots");
    } finally {
      shadowOnly.mmuLock().unlockWrite();
    }
  }

  @Test
  void h9RangesStartingOrEndingInsideAHugeMappingStillCoverIt() {
    world.mmuLock().lockWrite();
    try {
      root.map(1024, 2, 7, true, true, false);
      root.map(1L << 18, 3, 9, true, true, false);
      EntryCursor walk = root.walk(1500, 1501);
      assertThat(walk.next()).isTrue();
      assertThat(walk.gfn()).isEqualTo(1024);
      assertThat(walk.level()).isEqualTo(2);
      assertThat(walk.next()).isFalse();
      assertThat(root.testAgeRange(1535, 1536)).isTrue();
      assertThat(root.ageRange(1530, 1540)).as("ends inside the next block").isTrue();
      assertThat(root.testAgeRange(1024, 1536)).isFalse();
      assertThat(root.ageRange((1L << 18) + 5000, (1L << 18) + 5001)).isTrue();
      assertThat(root.zapRange(1535, (1L << 18) + 1)).as("H11: both removed").isTrue();
      assertThat(root.walk(0, 1L << 19).next()).as("only gfn 8 is left").isTrue();
      assertThat(root.walk(9, 1L << 19).next()).isFalse();
    } finally {
      world.mmuLock().unlockWrite();
    }
  }

  @Test
  void badMappingsAreRejected() {
    world.mmuLock().lockWrite();
    try {
      assertThatThrownBy(() -> root.map(3, 2, 0, true, false, false))
          .hasMessageContaining("gfn 3 is not aligned to a level-2 block");
      assertThatThrownBy(() -> root.map(0, 4, 0, true, false, false))
          .hasMessageContaining("mapping level 4 is not in [1, 3]");
      assertThatThrownBy(() -> root.zapRange(5, 5)).hasMessageContaining("is empty");
    } finally {
      world.mmuLock().unlockWrite();
    }
  }

  @Test
  void codecsDifferPerArchButAgreeOnMeaning() {
    for (EntryCodec codec :
        List.of(X86EntryCodec.INSTANCE, Arm64EntryCodec.INSTANCE, RiscvEntryCodec.INSTANCE)) {
      for (int level = 1; level <= 3; level++) {
        long leaf = codec.leaf(0x12345, level, true, false, true);
        assertThat(codec.present(leaf)).isTrue();
        assertThat(codec.isLeaf(leaf, level)).as("%s level %d", codec.arch(), level).isTrue();
        assertThat(codec.frame(leaf)).isEqualTo(0x12345);
        assertThat(codec.writable(leaf)).isTrue();
        assertThat(codec.accessed(leaf)).isFalse();
        assertThat(codec.dirty(leaf)).isTrue();
        assertThat(codec.accessed(leaf | codec.accessedMask())).isTrue();
        assertThat(codec.clearAccessed(leaf | codec.accessedMask())).isEqualTo(leaf);
      }
      long table = codec.table(42);
      assertThat(codec.isLeaf(table, 2)).isFalse();
      assertThat(codec.tableId(table)).isEqualTo(42);
      assertThat(codec.present(0)).isFalse();
      assertThat(codec.present(TablePage.POISON)).isFalse();
    }
    assertThat(X86EntryCodec.INSTANCE.accessedMask())
        .isNotEqualTo(Arm64EntryCodec.INSTANCE.accessedMask());
    assertThatThrownBy(() -> Arm64EntryCodec.INSTANCE.leaf(1L << 40, 1, true, true, true))
        .hasMessageContaining("does not fit the 36-bit arm64 frame field");
  }
}
