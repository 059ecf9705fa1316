package dev.walkspec.arch;

import static dev.walkspec.arch.testing.Obligations.Kind.AGE;
import static dev.walkspec.arch.testing.Obligations.Kind.TEST_AGE;
import static dev.walkspec.arch.testing.Obligations.Kind.UNMAP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.arch.arm64.Arm64AgeHandler;
import dev.walkspec.arch.arm64.Arm64TestAgeHandler;
import dev.walkspec.arch.arm64.Arm64UnmapHandler;
import dev.walkspec.arch.loongarch.LoongarchAgeHandler;
import dev.walkspec.arch.loongarch.LoongarchTestAgeHandler;
import dev.walkspec.arch.loongarch.LoongarchUnmapHandler;
import dev.walkspec.arch.testing.Obligations;
import dev.walkspec.arch.testing.Obligations.Kind;
import dev.walkspec.arch.testing.Obligations.Outcome;
import dev.walkspec.arch.testing.Sandbox;
import dev.walkspec.arch.whatif.ShadowAlignedStrideAgeHandler;
import dev.walkspec.arch.whatif.ShadowAlignedStrideTestAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideAccessTrackAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.whatif.X86AlignedStrideTestAgeHandler;
import dev.walkspec.arch.x86.X86AccessTrackAgeHandler;
import dev.walkspec.arch.x86.X86AgeHandler;
import dev.walkspec.arch.x86.X86TestAgeHandler;
import dev.walkspec.arch.x86.X86UnmapHandler;
import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowTestAgeHandler;
import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpAccessTrackAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpTestAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.mmu.RadixRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * H9, H10 and H11 (and H12 for unmap) for the conforming handlers on random layouts: slots that do
 * not start on a block boundary, ranges that start or end inside 2 MiB mappings, several roots
 * (some invalid), holes, a neighbouring slot and, on x86, the same gfns in the SMM space.
 */
class HandlerPropertiesTest {
  private static final long BLOCK = Pages.pagesAt(2);

  /** One mapping: root index, first gfn, level, Accessed, Dirty. */
  record Mapping(int root, long gfn, int level, boolean accessed, boolean dirty) {}

  /** A slot, its neighbour, roots, mappings and the range handed to the handler. */
  record Layout(
      long base,
      long pages,
      long neighbourPages,
      int roots,
      List<Integer> invalid,
      List<Mapping> mappings,
      long start,
      long end) {}

  @Provide
  Arbitrary<Layout> layouts() {
    Arbitrary<Long> base =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 3).map(b -> b * BLOCK), uniform(1, 3 * BLOCK));
    Arbitrary<Long> pages =
        Arbitraries.frequencyOf(Tuple.of(4, uniform(1, 3 * BLOCK)), Tuple.of(1, uniform(1, 32)));
    Arbitrary<Long> neighbour = uniform(1, BLOCK);
    Arbitrary<Integer> roots = Arbitraries.integers().between(1, 3);
    return Combinators.combine(base, pages, neighbour, roots).flatAs(this::withMappings);
  }

  private Arbitrary<Layout> withMappings(long base, long pages, long neighbour, int roots) {
    long limit = base + pages + neighbour;
    Arbitrary<Mapping> mapping =
        Combinators.combine(
                Arbitraries.integers().between(0, roots - 1),
                uniform(base, limit - 1),
                Arbitraries.of(1, 2, 2),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(
                (root, gfn, level, accessed, dirty) -> {
                  long block = Pages.alignDown(gfn, 2);
                  boolean fits =
                      level == 2
                          && ((block >= base && block + BLOCK <= base + pages)
                              || (block >= base + pages && block + BLOCK <= limit));
                  return fits
                      ? new Mapping(root, block, 2, accessed, dirty)
                      : new Mapping(root, gfn, 1, accessed, dirty);
                });
    Arbitrary<List<Integer>> invalid =
        Arbitraries.integers().between(0, roots - 1).list().uniqueElements().ofMaxSize(roots - 1);
    Arbitrary<Long> start = nearBoundaries(base, base, base + pages - 1);
    return Combinators.combine(invalid, mapping.list().ofMinSize(4).ofMaxSize(40), start)
        .flatAs(
            (inv, maps, s) ->
                Arbitraries.oneOf(
                        nearBoundaries(base, s + 1, base + pages),
                        uniform(s + 1, Math.min(s + 16, base + pages)))
                    .map(e -> new Layout(base, pages, neighbour, roots, inv, maps, s, e)));
  }

  /**
   * A gfn in {@code [lo, hi]}: uniformly, or within a few pages of a 2 MiB boundary, where ranges
   * cut block mappings.
   */
  private static Arbitrary<Long> nearBoundaries(long base, long lo, long hi) {
    List<Long> boundaries = new ArrayList<>();
    for (long b = Pages.alignDown(base, 2) + BLOCK; b - 8 <= hi; b += BLOCK) {
      if (b + 8 >= lo) {
        boundaries.add(b);
      }
    }
    Arbitrary<Long> anywhere = uniform(lo, hi);
    if (boundaries.isEmpty()) {
      return anywhere;
    }
    Arbitrary<Long> near =
        Arbitraries.of(boundaries).flatMap(b -> uniform(Math.max(lo, b - 8), Math.min(hi, b + 8)));
    return Arbitraries.frequencyOf(Tuple.of(1, anywhere), Tuple.of(2, near));
  }

  private static Arbitrary<Long> uniform(long lo, long hi) {
    return Arbitraries.longs().between(lo, hi).withDistribution(RandomDistribution.uniform());
  }

  /** A fresh world of the TDP MMU alone (every arch's stage-2) holding the layout. */
  private static Sandbox build(ArchProfile profile, Layout l, MemSlot[] slotOut) {
    return build(profile, Mmus.TDP, l, slotOut);
  }

  /**
   * A fresh world with these structures holding the layout: in the TDP roots; with shadow pages
   * alone, in shadow roots (one per TDP root, up to two); with both, in the TDP roots and every
   * other mapping also through a shadow root, young where the TDP entry is old and the other way
   * round, so that one pass's wrong result cannot pass for the other's.
   */
  private static Sandbox build(ArchProfile profile, Mmus mmus, Layout l, MemSlot[] slotOut) {
    Sandbox box = Sandbox.of(profile, mmus);
    slotOut[0] = box.slot(0, 1, l.base(), l.pages());
    box.slot(0, 2, l.base() + l.pages(), l.neighbourPages());
    List<RadixRoot> roots = new ArrayList<>();
    List<RadixRoot> shadowRoots = new ArrayList<>();
    if (mmus.tdp()) {
      roots.add(box.root(0));
      while (roots.size() < l.roots()) {
        roots.add(box.newRoot(0));
      }
    }
    if (mmus.shadow()) {
      shadowRoots.add(box.shadowRoot(0));
      while (shadowRoots.size() < Math.min(l.roots(), 2)) {
        shadowRoots.add(box.newShadowRoot(0));
      }
    }
    for (int i = 0; i < l.mappings().size(); i++) {
      Mapping m = l.mappings().get(i);
      RadixRoot shadow = mmus.shadow() ? shadowRoots.get(m.root() % shadowRoots.size()) : null;
      if (mmus == Mmus.SHADOW) {
        box.map(shadow, m.gfn(), m.level(), m.accessed(), m.dirty());
        continue;
      }
      box.map(roots.get(m.root()), m.gfn(), m.level(), m.accessed(), m.dirty());
      if (mmus == Mmus.TDP_AND_SHADOW && i % 2 == 0) {
        box.map(shadow, m.gfn(), m.level(), !m.accessed(), m.dirty());
      }
    }
    for (int i : l.invalid()) {
      if (mmus.tdp()) {
        box.invalidate(roots.get(i));
      }
    }
    if (profile.addressSpaces() > 1) {
      box.slot(1, 3, l.base(), l.pages());
      box.map(box.world.mmu(1).peekAllRoots().get(0), l.start(), 1, true, true);
    }
    return box;
  }

  private static void holds(
      ArchProfile profile, Layout l, Kind kind, Supplier<GfnHandler> handler, boolean lockless) {
    holds(profile, Mmus.TDP, l, kind, handler, lockless);
  }

  private static void holds(
      ArchProfile profile,
      Mmus mmus,
      Layout l,
      Kind kind,
      Supplier<GfnHandler> handler,
      boolean lockless) {
    MemSlot[] slot = new MemSlot[1];
    Sandbox box = build(profile, mmus, l, slot);
    GfnHandler h = handler.get();
    Outcome o =
        Obligations.check(
            box, kind, h, Sandbox.range(slot[0], l.start(), l.end(), false, lockless));
    assertThat(o.findings())
        .as(h.getClass().getSimpleName() + " with the " + mmus.describe() + " on " + l)
        .isEmpty();
  }

  /**
   * x86 aging with the shadow MMU's what-if stride (block to block): every obligation on every
   * layout. The kernel's own stride is the next property.
   */
  @Property(tries = 200)
  void x86AgingIsLocklessAndMeetsItsObligations(@ForAll("layouts") Layout l) {
    holds(ArchProfile.X86, l, AGE, TdpAgeHandler::new, true);
    holds(ArchProfile.X86, l, AGE, TdpAccessTrackAgeHandler::new, true);
    holds(ArchProfile.X86, l, TEST_AGE, TdpTestAgeHandler::new, true);
    holds(ArchProfile.X86, Mmus.SHADOW, l, AGE, ShadowAlignedStrideAgeHandler::new, true);
    holds(ArchProfile.X86, Mmus.SHADOW, l, TEST_AGE, ShadowAlignedStrideTestAgeHandler::new, true);
    for (Mmus mmus : Mmus.values()) {
      holds(ArchProfile.X86, mmus, l, AGE, X86AlignedStrideAgeHandler::new, true);
      holds(ArchProfile.X86, mmus, l, AGE, X86AlignedStrideAccessTrackAgeHandler::new, true);
      holds(ArchProfile.X86, mmus, l, TEST_AGE, X86AlignedStrideTestAgeHandler::new, true);
    }
  }

  /**
   * The kernel's shadow aging steps from range.start; at a huge level with P pages per block it
   * misses the block holding end - 1 exactly when {@code (end - 1) mod P < start mod P} (see
   * RmapStride.FROM_START). Where no level misses, the kernel's handlers meet every obligation;
   * where one does, the only findings are the missed young block (H9) and a result that ignored it
   * (H11).
   */
  @Property(tries = 200)
  void x86sKernelShadowAgingFailsOnlyH9AndH11AndOnlyWhereTheStrideMisses(
      @ForAll("layouts") Layout l) {
    boolean misses = false;
    for (int level = 2; level <= 3; level++) {
      long pages = Pages.pagesAt(level);
      misses |= Math.floorMod(l.end() - 1, pages) < Math.floorMod(l.start(), pages);
    }
    checkKernelStride(Mmus.SHADOW, l, AGE, ShadowAgeHandler::new, misses);
    checkKernelStride(Mmus.SHADOW, l, TEST_AGE, ShadowTestAgeHandler::new, misses);
    for (Mmus mmus : Mmus.values()) {
      checkKernelStride(mmus, l, AGE, X86AgeHandler::new, misses);
      checkKernelStride(mmus, l, AGE, X86AccessTrackAgeHandler::new, misses);
      checkKernelStride(mmus, l, TEST_AGE, X86TestAgeHandler::new, misses);
    }
  }

  private static void checkKernelStride(
      Mmus mmus, Layout l, Kind kind, Supplier<GfnHandler> handler, boolean misses) {
    MemSlot[] slot = new MemSlot[1];
    Sandbox box = build(ArchProfile.X86, mmus, l, slot);
    GfnHandler h = handler.get();
    Outcome o =
        Obligations.check(box, kind, h, Sandbox.range(slot[0], l.start(), l.end(), false, true));
    String what = h.getClass().getSimpleName() + " with the " + mmus.describe() + " on " + l;
    if (misses) {
      assertThat(o.ids()).as(what).isSubsetOf("H9", "H11");
    } else {
      assertThat(o.findings()).as(what).isEmpty();
    }
  }

  @Property(tries = 200)
  void x86UnmapLeavesNothingReachable(@ForAll("layouts") Layout l) {
    holds(ArchProfile.X86, l, UNMAP, TdpUnmapHandler::new, false);
    holds(ArchProfile.X86, Mmus.SHADOW, l, UNMAP, ShadowUnmapHandler::new, false);
    for (Mmus mmus : Mmus.values()) {
      holds(ArchProfile.X86, mmus, l, UNMAP, X86UnmapHandler::new, false);
    }
  }

  @Property(tries = 200)
  void lockedArm64AndLoongarchHandlersMeetTheirObligations(@ForAll("layouts") Layout l) {
    holds(ArchProfile.ARM64, l, AGE, Arm64AgeHandler::new, false);
    holds(ArchProfile.ARM64, l, TEST_AGE, Arm64TestAgeHandler::new, false);
    holds(ArchProfile.RISCV, l, AGE, LoongarchAgeHandler::new, false);
    holds(ArchProfile.RISCV, l, TEST_AGE, LoongarchTestAgeHandler::new, false);
    holds(ArchProfile.RISCV, l, UNMAP, LoongarchUnmapHandler::new, false);
  }

  @Property(tries = 200)
  void arm64UnmapLeavesNothingReachableAndAnswersFalse(@ForAll("layouts") Layout l) {
    MemSlot[] slot = new MemSlot[1];
    Sandbox box = build(ArchProfile.ARM64, l, slot);
    Outcome o =
        Obligations.check(
            box,
            UNMAP,
            new Arm64UnmapHandler(),
            Sandbox.range(slot[0], l.start(), l.end(), false, false));
    assertThat(o.result()).isFalse();
    assertThat(o.ids()).as(l.toString()).isSubsetOf("H11");
  }
}
