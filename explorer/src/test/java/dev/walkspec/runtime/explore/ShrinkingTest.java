package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.explore.examples.Catalogue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shrinking is a search with a budget: a counterexample it could not finish shrinking says so
 * (issue 19 item 4), and runs of one actor's steps cost one candidate, not one per step (issue 18
 * item 2: explored counterexamples are always shrunk).
 */
class ShrinkingTest {
  private static String scheduleLine(Budget budget) {
    String report =
        Explorer.explore(
                Catalogue.scenario("lost-write-protect"),
                Strategy.dfs(2),
                Invariants.standard(),
                budget)
            .counterexample()
            .orElseThrow()
            .report();
    return report.lines().filter(l -> l.startsWith("  schedule:")).findFirst().orElseThrow();
  }

  @Test
  void a_shrink_stopped_by_its_budget_says_a_smaller_schedule_may_exist() {
    // The search finds the 14-step schedule (the reviewed fixture lost-write-protect.txt shrinks it
    // to 12 steps); a budget of no runs leaves it as found.
    assertThat(scheduleLine(Budget.defaults().withShrinkRuns(0)))
        .isEqualTo(
            "  schedule:   14 steps, 1 preemption (shrinking stopped on its budget after 0 runs: a"
                + " smaller schedule may exist)");
  }

  @Test
  void a_finished_shrink_names_only_what_it_shrank_from() {
    assertThat(scheduleLine(Budget.defaults()))
        .isEqualTo("  schedule:   12 steps, 2 preemptions (shrunk from 14 steps, 1 preemption)");
  }

  @Test
  void deleting_a_step_inside_a_run_of_one_actor_is_one_candidate_per_run() {
    // Actor 0 runs 50 steps, actor 1 runs 50, then actor 0 fails at step 101.
    List<Integer> steps = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      steps.add(i < 50 ? 0 : 1);
    }
    steps.add(0);
    Failure failure = new Failure("H3", List.of(), "rule", "message", 0, 101);
    RunOutcome outcome =
        new RunOutcome(List.of(), List.of(), steps, failure, false, false, 1, null);

    List<String> candidates =
        Shrinker.candidates(Schedule.ofSteps("s", steps), outcome).stream()
            .map(Schedule::toString)
            .toList();

    // One deletion from actor 1's run (actor 0 is the failing actor: its steps stay), then each
    // segment dropped, shortened by one (for actor 1's, the same as the deletion) or halved, and
    // each pair of neighbours swapped; every schedule once.
    assertThat(candidates)
        .containsExactly(
            "s@0*50.1*49.0",
            "s@0*50.1*50",
            "s@0*51",
            "s@1*50.0",
            "s@0*49.1*50.0",
            "s@0*25.1*50.0",
            "s@0*50.1*25.0",
            "s@1*50.0*51",
            "s@0*51.1*50");
  }
}
