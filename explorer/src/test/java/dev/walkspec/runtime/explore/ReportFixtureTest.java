package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.explore.examples.Catalogue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full counterexample reports of the planted bugs, as reviewed fixtures in {@code
 * src/test/resources/explore}. Rewrite them with {@code -Dwalkspec.updateGolden=true}, then review
 * the diff.
 */
class ReportFixtureTest {
  private static final Path FIXTURES = Path.of("src/test/resources/explore");

  private static final Map<String, Supplier<Scenario>> SCENARIOS =
      Map.of(
          "lost-zap", () -> Catalogue.scenario("lost-zap"),
          "lost-zap-xchg", () -> Catalogue.scenario("lost-zap-xchg"),
          "lost-write-protect", () -> Catalogue.scenario("lost-write-protect"),
          "rcu-early-exit", PlantedBugs::rcuEarlyExit,
          "unmap-no-flush", PlantedBugs::unmapNoFlush,
          "fault-skips-recheck", PlantedBugs::faultSkipsRecheck,
          "sleeps-without-may-block", PlantedBugs::sleepsWithoutMayBlock,
          "lock-order", PlantedBugs::lockOrder,
          "deadlock", PlantedBugs::deadlock);

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "lost-zap",
        "lost-zap-xchg",
        "lost-write-protect",
        "rcu-early-exit",
        "unmap-no-flush",
        "fault-skips-recheck",
        "sleeps-without-may-block",
        "lock-order",
        "deadlock"
      })
  void theReportMatchesTheReviewedFixture(String name) throws IOException {
    String report =
        Explorer.explore(SCENARIOS.get(name).get(), Strategy.dfs(2))
            .counterexample()
            .orElseThrow()
            .report();
    Path fixture = FIXTURES.resolve(name + ".txt");
    if (Boolean.getBoolean("walkspec.updateGolden")) {
      Files.createDirectories(FIXTURES);
      Files.writeString(fixture, report, StandardCharsets.UTF_8);
    }
    assertThat(fixture)
        .as("fixture %s is missing; run with -Dwalkspec.updateGolden=true and review it", fixture)
        .exists();
    assertThat(report).isEqualTo(Files.readString(fixture, StandardCharsets.UTF_8));
  }
}
