package dev.walkspec.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec mutants: each rule of the canonical spec dropped or flipped (a guard dropped, flush_on_ret
 * flipped, the flush moved after the unlock, the lock taken at walk start, ...), the walkers
 * generated from the mutant, and the walker suites of the unmodified spec run on them (the small
 * scope of every operation on x86, arm64 and riscv). A mutant is killed by the checker (it does not
 * check), killed by the suites (some generated walker fails a canonical check), or survives; the
 * survivors are exactly the mutants listed in {@link SpecMutants#EQUIVALENT}, each with the reason
 * the walker suites cannot tell it from the canonical spec (docs/mutation.md).
 */
class SpecMutantsTest {
  @TempDir Path work;

  /**
   * {@code -Dwalkspec.mutants=full} (scripts/mutation): every concrete profile, and the known
   * equivalents run too, to confirm they survive. The normal build skips those (proving that
   * nothing kills them means running every check, about two minutes).
   */
  static final boolean FULL = "full".equals(System.getProperty("walkspec.mutants"));

  @Test
  void every_spec_mutant_is_killed_by_the_checker_or_by_the_walker_suites() throws Exception {
    Path canonical = BundledSpecs.file("kvm.walk");
    SpecMutation.Options options =
        FULL
            ? new SpecMutation.Options(
                new Pipeline(new SpecLoader(canonical.getParent(), List.of()))
                    .check(canonical).checked().profiles().stream().map(p -> p.name()).toList(),
                true)
            : SpecMutation.Options.normal();

    long started = System.nanoTime();
    List<MutantOutcome> outcomes = SpecMutation.run(canonical, work, options);

    Map<MutantOutcome.Verdict, Map<String, String>> by =
        outcomes.stream()
            .collect(
                Collectors.groupingBy(
                    MutantOutcome::verdict,
                    Collectors.toMap(o -> o.mutant().name(), MutantOutcome::detail)));
    System.out.printf(
        "walkspec spec mutants: %d in all, %d killed by the checker, %d by the walker suites, %d"
            + " survived, %d known equivalent not run (%d ms)%n  checker: %s%n  suites: %s%n"
            + "  survived: %s%n",
        outcomes.size(),
        by.getOrDefault(MutantOutcome.Verdict.KILLED_BY_CHECKER, Map.of()).size(),
        by.getOrDefault(MutantOutcome.Verdict.KILLED_BY_SUITES, Map.of()).size(),
        by.getOrDefault(MutantOutcome.Verdict.SURVIVED, Map.of()).size(),
        by.getOrDefault(MutantOutcome.Verdict.NOT_RUN, Map.of()).size(),
        (System.nanoTime() - started) / 1_000_000,
        by.get(MutantOutcome.Verdict.KILLED_BY_CHECKER),
        by.get(MutantOutcome.Verdict.KILLED_BY_SUITES),
        by.get(MutantOutcome.Verdict.SURVIVED));
    assertThat(outcomes).hasSize(SpecMutants.catalogue().size());
    Map<String, String> survived = by.getOrDefault(MutantOutcome.Verdict.SURVIVED, Map.of());
    if (FULL) {
      assertThat(survived.keySet())
          .containsExactlyInAnyOrderElementsOf(SpecMutants.EQUIVALENT.keySet());
    } else {
      assertThat(survived).isEmpty();
      assertThat(by.get(MutantOutcome.Verdict.NOT_RUN).keySet())
          .containsExactlyInAnyOrderElementsOf(SpecMutants.EQUIVALENT.keySet());
    }
    // The headline mutants of the issue are among the killed.
    assertThat(by.get(MutantOutcome.Verdict.KILLED_BY_SUITES).keySet())
        .contains("drop W1a", "C1 flush_on_ret false", "W10 after unlock", "drop W2", "drop W1b");
    assertThat(by.get(MutantOutcome.Verdict.KILLED_BY_CHECKER).keySet())
        .contains("W7 at walk start", "drop W1c", "drop W3", "drop W5", "drop W11");
  }

  @Test
  void every_edit_of_the_catalogue_applies_to_the_bundled_spec_and_names_its_rule()
      throws Exception {
    String text = Files.readString(BundledSpecs.file("kvm.walk"), StandardCharsets.UTF_8);

    for (SpecMutant mutant : SpecMutants.catalogue()) {
      assertThat(mutant.apply(text)).as(mutant.name()).isNotEqualTo(text);
    }
    assertThat(SpecMutants.catalogue())
        .extracting(SpecMutant::rule)
        .contains("W1a", "W1b", "W1c", "W2", "W4", "W6", "W7", "W10", "W13", "C1", "C5", "x86");
    // Each walker rule of the canonical spec is dropped by one of them.
    for (String rule :
        List.of(
            "W1a", "W1b", "W1c", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10", "W11",
            "W12", "W13")) {
      assertThat(SpecMutants.catalogue())
          .as("a mutant dropping %s", rule)
          .anyMatch(m -> m.name().equals("drop " + rule));
    }
  }

  @Test
  void an_edit_whose_text_is_missing_says_which_and_where() {
    SpecMutant mutant = new SpecMutant("drop W99", "walker hva_range {", "W99;", "");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> mutant.apply("walker hva_range { }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec mutant 'drop W99': 'W99;' is not in the spec after 'walker hva_range {'");
  }
}
