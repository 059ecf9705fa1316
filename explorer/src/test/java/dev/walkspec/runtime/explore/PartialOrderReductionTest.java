package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.mmu.TablePage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The reduced search is sound for its bound: it reaches exactly the Mazurkiewicz traces (runs up to
 * the order of independent neighbouring steps) that the plain bounded search reaches, with fewer
 * runs.
 */
class PartialOrderReductionTest {
  private static final long MINUTE = 60_000_000_000L;

  @Provide
  Arbitrary<GeneratedScenarios.Params> scenarios() {
    return GeneratedScenarios.correct(3)
        .filter(p -> p.actors().size() >= 2 && p.levels() == 2 && p.length() == 1);
  }

  @Property(tries = 60)
  void theSleepSetsReachEveryTraceOfThePlainSearch(
      @ForAll("scenarios") GeneratedScenarios.Params params, @ForAll @IntRange(max = 2) int bound) {
    Assume.that(params.actors().size() == 2 || bound <= 1);
    assertReachesEveryTrace(params, bound, DfsSearch.Reduction.BOUNDED_SLEEP_SETS);
  }

  /** Three actors with two preemptions included: where the sleep sets lose traces (below). */
  @Property(tries = 120)
  void theBoundedDporReachesEveryTraceOfThePlainSearch(
      @ForAll("scenarios") GeneratedScenarios.Params params, @ForAll @IntRange(max = 2) int bound) {
    assertReachesEveryTrace(params, bound, DfsSearch.Reduction.BOUNDED_DPOR);
  }

  private static void assertReachesEveryTrace(
      GeneratedScenarios.Params params, int bound, DfsSearch.Reduction reduction) {
    Scenario scenario = GeneratedScenarios.scenario(params);
    Search plain = search(scenario, bound, DfsSearch.Reduction.NONE);
    Search reduced = search(scenario, bound, reduction);

    Set<String> missing = new TreeSet<>(plain.traces.keySet());
    missing.removeAll(reduced.traces.keySet());
    Set<String> extra = new TreeSet<>(reduced.traces.keySet());
    extra.removeAll(plain.traces.keySet());
    assertThat(missing)
        .as(
            "%s bound %d: %s misses the traces of the schedules %s",
            params.name(), bound, reduction, missing.stream().map(plain.traces::get).toList())
        .isEmpty();
    assertThat(extra).as("traces only %s reaches", reduction).isEmpty();
    assertThat(reduced.runs).isLessThanOrEqualTo(plain.runs);
  }

  @Property(tries = 10)
  void theSearchWithoutReductionRunsEveryScheduleOnce(
      @ForAll("scenarios") GeneratedScenarios.Params params, @ForAll @IntRange(max = 1) int bound) {
    Search plain = search(GeneratedScenarios.scenario(params), bound, DfsSearch.Reduction.NONE);
    assertThat(plain.schedules).hasSize(plain.runs);
  }

  /**
   * Why the sleep sets are restricted. The search first runs the ager (actor 0) to its end, then
   * tries the vCPU first. Textbook sleep sets put the ager to sleep in that branch, since its first
   * step (entering SRCU) commutes with everything the vCPU does; when the vCPU is done, the
   * sleeping ager is all that is left and the run is cut. The equivalent run that was meant to
   * cover it, "the ager's first step, then the vCPU", needs a preemption, which bound 0 forbids:
   * the trace "the vCPU maps the page, then the ager ages it" is lost. The restricted rule does not
   * put the ager to sleep, as it could go on after that first step.
   */
  @Example
  void textbookSleepSetsLoseTracesUnderAPreemptionBound() {
    Scenario scenario =
        GeneratedScenarios.scenario(
            GeneratedScenarios.Params.parse("gen-L2-u0.1.2.3-r0+1-age.atomic,vcpu.read"));
    Search plain = search(scenario, 0, DfsSearch.Reduction.NONE);
    Search naive = search(scenario, 0, DfsSearch.Reduction.NAIVE_SLEEP_SETS);
    Search bounded = search(scenario, 0, DfsSearch.Reduction.BOUNDED_SLEEP_SETS);

    assertThat(plain.traces.keySet()).hasSize(2);
    assertThat(naive.traces.keySet()).hasSize(1);
    assertThat(bounded.traces).isEqualTo(plain.traces);
  }

  /**
   * Why the default is DPOR and not the restricted sleep sets: the restriction's argument (the
   * equivalent schedule that covers a skipped one stays within the bound) was made for a sleeping
   * sibling alone, and with three actors and two preemptions it does not hold. Here (a zapper and
   * two vCPUs on one page) the sleep sets reach 73 of the 75 traces; the schedules of the two they
   * lose are 2*5.0*7.1*10.2 and 2*5.0*7.2*7.1*10.0.2. The DPOR reaches all 75 with fewer runs.
   */
  @Example
  void restrictedSleepSetsLoseTracesWithThreeActorsAndTwoPreemptions() {
    Scenario scenario =
        GeneratedScenarios.scenario(
            GeneratedScenarios.Params.parse("gen-L2-unone-r0+1-zap,vcpu.read,vcpu.write"));
    Search plain = search(scenario, 2, DfsSearch.Reduction.NONE);
    Search sleeps = search(scenario, 2, DfsSearch.Reduction.BOUNDED_SLEEP_SETS);
    Search dpor = search(scenario, 2, DfsSearch.Reduction.BOUNDED_DPOR);

    assertThat(plain.traces.keySet()).hasSize(75);
    assertThat(sleeps.traces.keySet()).hasSize(73);
    assertThat(dpor.traces.keySet()).isEqualTo(plain.traces.keySet());
    assertThat(dpor.runs).isLessThan(sleeps.runs).isLessThan(plain.runs);
  }

  /** The traces and schedules one bounded search reached. */
  private static final class Search {
    final Map<String, String> traces = new java.util.TreeMap<>();
    final Set<String> schedules = new TreeSet<>();
    int runs;
  }

  private static Search search(Scenario scenario, int bound, DfsSearch.Reduction reduction) {
    Search result = new Search();
    try (Engine engine = new Engine(scenario, List.of(), Budget.defaults())) {
      DfsSearch dfs = new DfsSearch(bound, reduction);
      do {
        RunOutcome outcome = engine.execute(dfs.chooser(), false, System.nanoTime() + MINUTE);
        assertThat(outcome.failure).as("%s", outcome.failure).isNull();
        dfs.runEnded(!outcome.pruned);
        result.runs++;
        if (!outcome.pruned) {
          result.traces.putIfAbsent(
              trace(outcome.steps), outcome.schedule(scenario.name()).toString());
          result.schedules.add(outcome.chosen.toString());
        }
      } while (dfs.backtrack());
    }
    return result;
  }

  /**
   * A table page by its place in the tables rather than its id: ids come from one allocation
   * counter, so two faults that allocate tables concurrently get them in either order, and the
   * traces differ only by that renaming.
   */
  private static String canonical(Step step) {
    if (step.target() instanceof TablePage) {
      TablePage page = (TablePage) step.target();
      return "page(as "
          + page.addressSpace()
          + ", root "
          + page.rootId()
          + ", level "
          + page.level()
          + ", gfn "
          + page.baseGfn()
          + ")";
    }
    return step.targetName();
  }

  /**
   * A canonical form of a run's trace: each actor's steps in order (table pages named by place),
   * and the order of every pair of dependent steps of different actors.
   */
  static String trace(List<Step> steps) {
    Map<Integer, Integer> counts = new HashMap<>();
    List<String> ids = new ArrayList<>();
    List<StepKey> keys = new ArrayList<>();
    Map<Integer, List<String>> perActor = new HashMap<>();
    for (Step step : steps) {
      int k = counts.merge(step.actor(), 1, Integer::sum);
      StepKey key = new StepKey(step.op(), step.targetName(), step.index());
      ids.add(step.actor() + "." + k);
      keys.add(key);
      perActor
          .computeIfAbsent(step.actor(), a -> new ArrayList<>())
          .add(key.op().render() + " " + canonical(step) + "[" + key.index() + "]");
    }
    Set<String> order = new TreeSet<>();
    for (int i = 0; i < steps.size(); i++) {
      for (int j = i + 1; j < steps.size(); j++) {
        if (steps.get(i).actor() != steps.get(j).actor()
            && !StepKey.independent(keys.get(i), keys.get(j))) {
          order.add(ids.get(i) + "<" + ids.get(j));
        }
      }
    }
    return new TreeSet<>(perActor.entrySet().stream().map(Object::toString).toList()) + " " + order;
  }
}
