package dev.walkspec.runtime.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Insert, zap and age on real tables against a map of mappings (H9, H11). */
class PageTableModelTest {
  /** Two 1 GiB blocks: room for every mapping size. */
  static final long SPACE = 2 * Pages.pagesAt(3);

  sealed interface Step permits MapStep, ZapStep, AgeStep, TestAgeStep {}

  record MapStep(long gfn, int level, long frame, boolean writable, boolean accessed, boolean dirty)
      implements Step {}

  record ZapStep(long start, long end) implements Step {}

  record AgeStep(long start, long end) implements Step {}

  record TestAgeStep(long start, long end) implements Step {}

  record Mapping(
      long gfn, int level, long frame, boolean writable, boolean accessed, boolean dirty) {
    long end() {
      return gfn + Pages.pagesAt(level);
    }

    boolean meets(long start, long stop) {
      return gfn < stop && end() > start;
    }
  }

  @Property(tries = 60)
  void tablesBehaveLikeAMapOfMappings(
      @ForAll("steps") @Size(max = 25) List<Step> steps, @ForAll boolean arm64) {
    ArchProfile profile = arm64 ? ArchProfile.ARM64 : ArchProfile.X86;
    // On x86, the shadow MMU's pages: their leaves must also be in the reverse maps.
    World world = World.builder(profile).vcpus(0).mmus(arm64 ? Mmus.TDP : Mmus.SHADOW).build();
    if (!arm64) {
      world.createSlot(new MemSlot(0, 1, 0, SPACE, 0, 0));
    }
    RadixRoot root = world.mmu(0).peekAllRoots().get(0);
    EntryCodec codec = world.codec();
    TreeMap<Long, Mapping> model = new TreeMap<>();
    world.mmuLock().lockWrite();
    try {
      for (Step step : steps) {
        if (step instanceof MapStep m) {
          removeMeeting(model, m.gfn(), m.gfn() + Pages.pagesAt(m.level()));
          model.put(
              m.gfn(),
              new Mapping(m.gfn(), m.level(), m.frame(), m.writable(), m.accessed(), m.dirty()));
          root.map(m.gfn(), m.level(), m.frame(), m.writable(), m.accessed(), m.dirty());
        } else if (step instanceof ZapStep z) {
          boolean expected = removeMeeting(model, z.start(), z.end());
          assertThat(root.zapRange(z.start(), z.end())).as("H11 unmap result").isEqualTo(expected);
        } else if (step instanceof AgeStep a) {
          boolean young = false;
          for (Map.Entry<Long, Mapping> e : model.entrySet()) {
            Mapping m = e.getValue();
            if (m.meets(a.start(), a.end())) {
              young |= m.accessed();
              e.setValue(
                  new Mapping(m.gfn(), m.level(), m.frame(), m.writable(), false, m.dirty()));
            }
          }
          assertThat(root.ageRange(a.start(), a.end())).as("H11 age result").isEqualTo(young);
        } else if (step instanceof TestAgeStep t) {
          boolean young =
              model.values().stream().anyMatch(m -> m.meets(t.start(), t.end()) && m.accessed());
          assertThat(root.testAgeRange(t.start(), t.end())).isEqualTo(young);
        }
        assertThat(mappings(root, codec))
            .as("after %s", step)
            .containsExactlyElementsOf(model.values());
        assertThat(leaves(root, codec))
            .as("snapshot after %s", step)
            .containsExactlyElementsOf(model.values());
        if (!arm64) {
          for (Mapping m : model.values()) {
            assertThat(
                    world
                        .mmu(0)
                        .rmap(world.memslotStore().peek(0).byId(1))
                        .count(m.gfn(), m.level()))
                .as("rmap of %s", m)
                .isEqualTo(1);
          }
        }
      }
    } finally {
      world.mmuLock().unlockWrite();
    }
  }

  static boolean removeMeeting(TreeMap<Long, Mapping> model, long start, long end) {
    boolean removed = false;
    for (Iterator<Mapping> it = model.values().iterator(); it.hasNext(); ) {
      if (it.next().meets(start, end)) {
        it.remove();
        removed = true;
      }
    }
    return removed;
  }

  static List<Mapping> mappings(RadixRoot root, EntryCodec codec) {
    List<Mapping> found = new ArrayList<>();
    EntryCursor walk = root.walk(0, SPACE);
    while (walk.next()) {
      long e = walk.load();
      found.add(
          new Mapping(
              walk.gfn(),
              walk.level(),
              codec.frame(e),
              codec.writable(e),
              codec.accessed(e),
              codec.dirty(e)));
    }
    return found;
  }

  /** The same through {@link RadixRoot#forEachLeaf}, the snapshots' enumeration. */
  static List<Mapping> leaves(RadixRoot root, EntryCodec codec) {
    List<Mapping> found = new ArrayList<>();
    root.forEachLeaf(
        SPACE,
        (gfn, level, e) ->
            found.add(
                new Mapping(
                    gfn,
                    level,
                    codec.frame(e),
                    codec.writable(e),
                    codec.accessed(e),
                    codec.dirty(e))));
    return found;
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> levels =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(6, 1),
            net.jqwik.api.Tuple.of(3, 2),
            net.jqwik.api.Tuple.of(1, 3));
    Arbitrary<Step> map =
        Combinators.combine(
                levels,
                Arbitraries.longs().between(0, SPACE - 1),
                Arbitraries.longs().between(0, 1 << 20),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(
                (level, gfn, frame, w, a, d) ->
                    new MapStep(Pages.alignDown(gfn, level), level, frame, w, a, d));
    Arbitrary<long[]> ranges =
        Combinators.combine(
                Arbitraries.longs().between(0, SPACE - 1),
                Arbitraries.oneOf(
                    Arbitraries.longs().between(1, 8),
                    Arbitraries.longs().between(1, 2048),
                    Arbitraries.longs().between(1, SPACE)))
            .as((start, length) -> new long[] {start, Math.min(SPACE, start + length)});
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, map),
            net.jqwik.api.Tuple.of(2, ranges.map(r -> (Step) new ZapStep(r[0], r[1]))),
            net.jqwik.api.Tuple.of(2, ranges.map(r -> (Step) new AgeStep(r[0], r[1]))),
            net.jqwik.api.Tuple.of(1, ranges.map(r -> (Step) new TestAgeStep(r[0], r[1]))))
        .list();
  }
}
