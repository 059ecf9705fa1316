package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link HandlerStates#dedupe} keeps what re-mapping leaves: the reference below states the rule
 * directly (each mapping drops every earlier one of its root and structure that it overlaps), and
 * the indexed version must give the same mappings in the same order, since the order decides the
 * worlds the generated suites build.
 */
class DedupeTest {
  @Property(tries = 2000)
  void the_index_keeps_what_the_rule_keeps_in_the_same_order(
      @ForAll("mappings") List<HandlerState.Mapping> mappings) {
    assertThat(HandlerStates.dedupe(mappings)).isEqualTo(reference(mappings));
  }

  @Property(tries = 200)
  void kept_mappings_of_one_root_never_overlap(
      @ForAll("mappings") List<HandlerState.Mapping> mappings) {
    List<HandlerState.Mapping> kept = HandlerStates.dedupe(mappings);
    for (HandlerState.Mapping a : kept) {
      for (HandlerState.Mapping b : kept) {
        if (a != b && a.root() == b.root() && a.shadow() == b.shadow()) {
          assertThat(a.gfn() + a.pages() <= b.gfn() || b.gfn() + b.pages() <= a.gfn())
              .as("%s and %s overlap", a, b)
              .isTrue();
        }
      }
    }
  }

  /** The rule as a scan: every new mapping removes the kept ones it overlaps. */
  private static List<HandlerState.Mapping> reference(List<HandlerState.Mapping> mappings) {
    List<HandlerState.Mapping> kept = new ArrayList<>();
    for (HandlerState.Mapping m : mappings) {
      kept.removeIf(
          k ->
              k.root() == m.root()
                  && k.shadow() == m.shadow()
                  && k.gfn() < m.gfn() + m.pages()
                  && m.gfn() < k.gfn() + k.pages());
      kept.add(m);
    }
    return kept;
  }

  @Provide
  Arbitrary<List<HandlerState.Mapping>> mappings() {
    // Few roots and a small gfn space, so that overlaps (4K in 2M, 2M over 4K, equal starts) are
    // common; both structures.
    Arbitrary<HandlerState.Mapping> mapping =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(0, 2048),
                Arbitraries.integers().between(1, 2),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(
                (root, gfn, level, young, shadow) -> {
                  long aligned = level == 2 ? gfn / 512 * 512 : gfn;
                  return new HandlerState.Mapping(root, aligned, level, young, young, true, shadow);
                });
    return mapping.list().ofMaxSize(60);
  }
}
