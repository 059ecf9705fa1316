package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.explore.examples.Catalogue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FiguresTmpTest {
  @Test
  void figures() {
    Map<String, Supplier<Scenario>> planted = new LinkedHashMap<>();
    planted.put("lost-zap", () -> Catalogue.scenario("lost-zap"));
    planted.put("lost-zap-xchg", () -> Catalogue.scenario("lost-zap-xchg"));
    planted.put("lost-write-protect", () -> Catalogue.scenario("lost-write-protect"));
    planted.put("rcu-early-exit", PlantedBugs::rcuEarlyExit);
    planted.put("unmap-no-flush", PlantedBugs::unmapNoFlush);
    planted.put("fault-skips-recheck", PlantedBugs::faultSkipsRecheck);
    planted.put("fault-races-invalidation", PlantedBugs::faultRacesInvalidation);
    planted.put("sleeps-without-may-block", PlantedBugs::sleepsWithoutMayBlock);
    planted.put("lock-order", PlantedBugs::lockOrder);
    for (Map.Entry<String, Supplier<Scenario>> e : planted.entrySet()) {
      ExplorationResult dfs = Explorer.explore(e.getValue().get(), Strategy.dfs(3));
      Counterexample c = dfs.counterexample().orElseThrow();
      long pctTotal = 0;
      int seeds = 20;
      for (int seed = 0; seed < seeds; seed++) {
        ExplorationResult pct = Explorer.explore(e.getValue().get(), Strategy.pct(3, 100000, seed));
        pctTotal += pct.counterexample().orElseThrow().schedulesToFailure();
      }
      System.out.printf(
          "%-26s %-4s steps=%2d preempt=%d dfsSchedules=%d pctMean(d=3,20 seeds)=%.1f replay=%s%n",
          e.getKey(),
          c.obligation(),
          c.steps(),
          c.preemptions(),
          c.schedulesToFailure(),
          pctTotal / (double) seeds,
          c.replay());
    }
    for (String s : new String[] {"age-vs-zap", "write-protect-vs-aging"}) {
      for (int bound = 2; bound <= 6; bound += 2) {
        long t0 = System.nanoTime();
        ExplorationResult r = Explorer.explore(Catalogue.scenario(s), Strategy.dfs(bound));
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "%s dfs(%d): %d schedules (%d pruned) in %.2fs = %.0f/s exhausted=%s%n",
            s, bound, r.schedules(), r.pruned(), secs, r.schedules() / secs, r.exhausted());
      }
      long t0 = System.nanoTime();
      ExplorationResult r = Explorer.explore(Catalogue.scenario(s), Strategy.pct(3, 20000, 1));
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%s pct 20000: %.2fs = %.0f/s%n", s, secs, r.schedules() / secs);
    }
    Scenario lz = Catalogue.scenario("lost-zap");
    try (Engine engine = new Engine(lz, Invariants.standard(), Budget.defaults())) {
      long t0 = System.nanoTime();
      int n = 20000;
      for (int i = 0; i < n; i++) {
        engine.execute(
            d -> d.enabled(1) && d.step < 6 ? 1 : d.defaultChoice(),
            false,
            System.nanoTime() + 1_000_000_000L);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("lost-zap raw runs (zapper first, no failure): %.0f/s%n", n / secs);
    }
  }
}
