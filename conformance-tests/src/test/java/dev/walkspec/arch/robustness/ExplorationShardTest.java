package dev.walkspec.arch.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.arch.x86.X86AgeHandler;
import dev.walkspec.suite.ExplorationShard;
import dev.walkspec.suite.HandlerSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 5: {@code -Dwalkspec.shard=K/N} splits a build's explorations. N shards together
 * explore every scenario of a generated suite exactly once, and every machine computes the same
 * split.
 */
class ExplorationShardTest {
  @AfterEach
  void whole() {
    System.clearProperty(ExplorationShard.PROPERTY);
  }

  private static HandlerSuite suite() {
    return MisbehavingHandlersExploredTest.suite(X86AgeHandler::new, "X86AgeHandler");
  }

  @Test
  void three_shards_explore_every_scenario_of_a_suite_exactly_once() {
    List<String> all = suite().scenarioNames();
    List<String> joined = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      System.setProperty(ExplorationShard.PROPERTY, k + "/3");
      joined.addAll(suite().exploredScenarioNames());
    }

    assertThat(all).hasSizeGreaterThan(3);
    assertThat(joined).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void without_the_property_a_suite_explores_every_scenario() {
    assertThat(suite().exploredScenarioNames()).isEqualTo(suite().scenarioNames());
  }

  @Test
  void scenarios_are_dealt_round_robin_from_a_place_the_class_name_decides() {
    List<String> scenarios = List.of("a", "b", "c", "d", "e");
    // "java.lang.String".hashCode() is 1195259493 (String.hashCode is specified, so the same on
    // every JVM), 0 modulo 3: shard 1 starts with the first scenario. For java.lang.Integer,
    // -2056817302, 2 modulo 3 (floorMod): the first scenario goes to shard 3.
    assertThat(ExplorationShard.parse("1/3").of(String.class, scenarios)).containsExactly("a", "d");
    assertThat(ExplorationShard.parse("2/3").of(String.class, scenarios)).containsExactly("b", "e");
    assertThat(ExplorationShard.parse("3/3").of(Integer.class, scenarios))
        .containsExactly("a", "d");
    assertThat(ExplorationShard.parse("1/3").of(Integer.class, scenarios))
        .containsExactly("b", "e");
  }

  @Test
  void every_shard_gets_its_fair_share() {
    List<String> scenarios = IntStream.range(0, 10).mapToObj(i -> "s" + i).toList();
    for (int k = 1; k <= 4; k++) {
      assertThat(new ExplorationShard(k, 4).of(HandlerSuite.class, scenarios).size())
          .isBetween(2, 3);
    }
  }

  @Test
  void a_shard_must_be_k_of_n() {
    for (String text : List.of("0/3", "4/3", "1", "a/b", "1/0")) {
      assertThatThrownBy(() -> ExplorationShard.parse(text))
          .hasMessage("walkspec.shard must be K/N with 1 <= K <= N (e.g. 2/3), not '" + text + "'");
    }
    System.setProperty(ExplorationShard.PROPERTY, "2/1");
    assertThatThrownBy(() -> suite().exploredScenarioNames())
        .hasMessage("walkspec.shard must be K/N with 1 <= K <= N (e.g. 2/3), not '2/1'");
  }
}
