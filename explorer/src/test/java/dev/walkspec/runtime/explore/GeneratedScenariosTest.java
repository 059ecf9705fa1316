package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.explore.GeneratedScenarios.Kind;
import dev.walkspec.runtime.explore.GeneratedScenarios.Params;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * jqwik generates scenarios (actor mix, table depth, mapped pages, range): the correct actors keep
 * every invariant, and a scenario with a planted bug shrinks, scenario and schedule, to a small
 * counterexample.
 */
class GeneratedScenariosTest {
  private static final Budget BUDGET = Budget.defaults().withShrinkRuns(100);

  @Provide
  Arbitrary<Params> correct() {
    return GeneratedScenarios.correct(3);
  }

  @Property(tries = 100)
  void correctActorsKeepEveryInvariant(@ForAll("correct") Params params) {
    Explorer.check(
        GeneratedScenarios.scenario(params), Strategy.dfs(1), Invariants.standard(), BUDGET);
  }

  @Example
  void aScenarioNamesItsParametersSoATestCanRebuildIt() {
    Params params =
        new Params(3, List.of(2, 0), 1, 2, List.of(Kind.ZAP, Kind.PLANTED_WRPROT_PLAIN));
    assertThat(params.name()).isEqualTo("gen-L3-u0.2-r1+2-zap,planted.wrprot.plain");
    assertThat(params.mapped()).containsExactly(1, 3);
    assertThat(Params.parse(params.name())).isEqualTo(params);
    assertThat(GeneratedScenarios.scenario(params).source())
        .isEqualTo(
            "GeneratedScenarios.scenario(GeneratedScenarios.Params.parse(\""
                + params.name()
                + "\"))");
  }

  @Example
  void aPlantedBugShrinksToTheTwoActorsThatRace() {
    RandomGenerator<Params> generator = GeneratedScenarios.withPlantedBug().generator(100);
    Random random = new Random(20_260_101L);
    Shrinkable<Params> failing = null;
    for (int i = 0; i < 200 && failing == null; i++) {
      Shrinkable<Params> candidate = generator.next(random);
      if (failure(candidate.value()).isPresent() && candidate.value().actors().size() > 2) {
        failing = candidate;
      }
    }
    assertThat(failing).as("a generated scenario with more than two actors that fails").isNotNull();
    Params original = failing.value();

    boolean improved = true;
    while (improved) {
      improved = false;
      Iterator<Shrinkable<Params>> candidates = failing.shrink().iterator();
      while (candidates.hasNext()) {
        Shrinkable<Params> candidate = candidates.next();
        if (failure(candidate.value()).isPresent()) {
          failing = candidate;
          improved = true;
          break;
        }
      }
    }

    Params shrunk = failing.value();
    Counterexample before = report(original);
    Counterexample after = report(shrunk);
    String story = original.name() + " shrank to " + shrunk.name() + "\n" + after.report();
    assertThat(shrunk.actors()).as(story).hasSize(2).anyMatch(Kind::planted);
    assertThat(shrunk.levels()).as(story).isEqualTo(2);
    assertThat(shrunk.length()).as(story).isEqualTo(1);
    assertThat(shrunk.unmapped()).as(story).isEmpty();
    assertThat(after.obligation()).as(story).isEqualTo(before.obligation()).isEqualTo("H5");
    assertThat(after.steps()).as(story).isLessThanOrEqualTo(12);
    assertThat(after.junit())
        .contains("GeneratedScenarios.Params.parse(\"" + shrunk.name() + "\")");
  }

  /** Whether the bounded search finds a failure (no schedule shrinking: this runs often). */
  private static Optional<Counterexample> failure(Params params) {
    return Explorer.explore(
            GeneratedScenarios.scenario(params),
            Strategy.dfs(1),
            Invariants.standard(),
            BUDGET.withShrinkRuns(0))
        .counterexample();
  }

  private static Counterexample report(Params params) {
    return Explorer.explore(
            GeneratedScenarios.scenario(params), Strategy.dfs(1), Invariants.standard(), BUDGET)
        .counterexample()
        .orElseThrow();
  }
}
