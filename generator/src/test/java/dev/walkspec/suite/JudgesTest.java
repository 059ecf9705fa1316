package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.model.Decls;
import dev.walkspec.model.Spec;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The judge registry against the canonical spec: every obligation kvm.walk declares has a judge and
 * every judge judges an obligation the spec declares, so an obligation is defined once (in the
 * spec) and judged in one place (Judges).
 */
class JudgesTest {
  private static final Spec KVM =
      Pipeline.standard().check(BundledSpecs.file("kvm.walk")).checked().spec();

  private static Map<String, Obligation> canonical() {
    return Obligation.allOf(KVM);
  }

  @Test
  void every_obligation_of_the_canonical_spec_has_a_judge_and_every_judge_an_obligation() {
    Map<String, Obligation> spec = canonical();
    assertThat(Judges.ids().toList()).containsExactlyInAnyOrderElementsOf(spec.keySet());
    assertThat(spec.values()).allMatch(o -> !o.judgedBy().isEmpty());
  }

  @Test
  void one_call_judges_are_those_a_single_call_can_show() {
    assertThat(Judges.oneCall()).contains("H4", "H9", "H10", "H11", "H14");
    assertThat(Judges.oneCall()).doesNotContain("H1", "H2", "H3", "H5", "H6", "H12", "H13");
    assertThat(Judges.of("H9").orElseThrow().oneCall()).isPresent();
  }

  @Test
  void h6_is_explored_only_a_single_call_has_nothing_concurrent_to_skip() {
    assertThat(Judges.judgedBy("H6", Judges.By.ONE_CALL)).isFalse();
    assertThat(Judges.judgedBy("H6", Judges.By.EXPLORED)).isTrue();
    assertThat(Judges.UNCAUGHT_WHEN_LOCKLESS).isEqualTo("H6");
  }

  @Test
  void the_obligation_value_carries_what_the_spec_says() {
    Obligation h9 = canonical().get("H9");
    assertThat(h9.title()).isEqualTo("H9 coverage");
    assertThat(h9.cites()).isEqualTo(List.of("W5", "W6"));
    assertThat(h9.judgedBy()).containsExactly(Judges.By.ONE_CALL);
    Decls.Obligation declared = KVM.obligation("H9").orElseThrow();
    assertThat(h9.statement()).isEqualTo(declared.doc());
    assertThat(canonical().get("H4").prose()).isEqualTo("atomic updates");
  }

  @Test
  void conditions_of_the_call_belong_to_the_judge() {
    assertThat(Judges.of("H4").orElseThrow().has(Judges.Condition.RACING_HARDWARE)).isTrue();
    assertThat(Judges.of("H14").orElseThrow().has(Judges.Condition.LOCK_WAITER)).isTrue();
    assertThat(Judges.of("H9").orElseThrow().conditions()).isEmpty();
  }
}
