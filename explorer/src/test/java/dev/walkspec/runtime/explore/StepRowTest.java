package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.explore.examples.Catalogue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A counterexample's step rows (the data behind conform's JSON, issue 18 item 4) are the rows of
 * its text table, row for row: each row's text is in its actor's column of the same line, the '>'
 * of a preemption and the {@code <-- Hn} of the breaking step are where the rows say.
 */
class StepRowTest {
  @Test
  void every_catalogue_counterexample_gives_the_rows_of_its_text_table() {
    int checked = 0;
    for (String name : Catalogue.names()) {
      ExplorationResult result = Explorer.explore(Catalogue.scenario(name), Strategy.dfs(2));
      if (result.counterexample().isEmpty()) {
        continue;
      }
      checkAgainstTable(name, result.counterexample().get());
      checked++;
    }
    assertThat(checked).as("catalogue scenarios with a counterexample").isGreaterThanOrEqualTo(3);
  }

  @Test
  void a_single_step_names_its_operation_object_entry_and_values() {
    Counterexample found =
        Explorer.explore(Catalogue.scenario("lost-write-protect"), Strategy.dfs(2))
            .counterexample()
            .orElseThrow();
    StepRow last = found.stepRows().get(found.stepRows().size() - 1);
    assertThat(last.breaking()).isTrue();
    assertThat(last.broke()).isEqualTo("H5");
    assertThat(found.stepRows()).filteredOn(StepRow::breaking).containsExactly(last);
    assertThat(found.stepRows())
        .filteredOn(r -> r.kind().equals(StepRow.STEP))
        .allSatisfy(
            r -> {
              assertThat(r.operation()).as(r.text()).isNotEmpty();
              assertThat(r.text()).as("the cell names the operation").contains(r.operation());
              if (r.target() != null) {
                assertThat(r.text()).contains(r.target());
              }
              if (r.entry() != null) {
                assertThat(r.text()).contains(r.target() + "[" + r.entry() + "]");
              }
              if (r.before() != null) {
                assertThat(r.text()).contains(r.before());
              }
              if (r.after() != null) {
                assertThat(r.text())
                    .containsAnyOf(r.before() + " -> " + r.after(), r.before() + " (unchanged)");
              }
              if (r.operation().equals("load")) {
                assertThat(r.after()).as("a load writes nothing").isNull();
              }
            });
    // The aging's compare-and-swap changes the entry the other actor then stores over.
    assertThat(found.stepRows())
        .filteredOn(r -> "cas".equals(r.operation()))
        .isNotEmpty()
        .allSatisfy(cas -> assertThat(cas.after()).isNotNull().isNotEqualTo(cas.before()));
    assertThat(last.operation()).isEqualTo("store");
  }

  /**
   * A compare-and-swap retried without bound (as in ExplorerTest) gives a table of hundreds of like
   * steps: its rows fold, and the folded ones say how many steps they stand for by their text.
   */
  @Test
  void a_long_run_of_like_steps_gives_folded_rows_with_their_count_and_range() {
    Scenario scenario = PlantedBugs.casRetriedForever();

    Counterexample found =
        Explorer.explore(
                scenario,
                Strategy.dfs(1),
                Invariants.standard(),
                Budget.defaults().withStepsPerRun(300).withShrinkRuns(20))
            .counterexample()
            .orElseThrow();

    checkAgainstTable("cas-retry", found);
    List<StepRow> folded =
        found.stepRows().stream().filter(r -> r.kind().equals(StepRow.FOLDED)).toList();
    assertThat(folded).isNotEmpty();
    assertThat(folded)
        .allSatisfy(
            r -> {
              assertThat(r.count()).isGreaterThanOrEqualTo(StepFolding.MIN_REPEATS);
              assertThat(r.lastStep()).isGreaterThan(r.step());
              assertThat(r.operation()).as("described by its text alone").isNull();
            });
    // Every step up to the last row's is in some row: the rows' counts add up to the steps.
    int steps =
        found.stepRows().stream()
            .mapToInt(
                r -> r.kind().equals(StepRow.LEFT_OUT) ? r.lastStep() - r.step() + 1 : r.count())
            .sum();
    assertThat(steps).isEqualTo(found.stepRows().get(found.stepRows().size() - 1).lastStep());
  }

  private static void checkAgainstTable(String name, Counterexample found) {
    List<String> lines = found.stepTable().lines().toList();
    String separator = lines.get(1);
    List<Integer> bounds = new ArrayList<>();
    for (int c = 0; c < separator.length(); c++) {
      if (separator.charAt(c) == '+') {
        bounds.add(c);
      }
    }
    bounds.add(Integer.MAX_VALUE);
    List<StepRow> rows = found.stepRows();
    assertThat(rows).as(name).hasSize(lines.size() - 2);
    for (int i = 0; i < rows.size(); i++) {
      StepRow row = rows.get(i);
      String line = lines.get(i + 2);
      String number = line.substring(0, bounds.get(0)).strip();
      String column =
          line.substring(
                  Math.min(line.length(), bounds.get(row.actor()) + 1),
                  Math.min(line.length(), bounds.get(row.actor() + 1)))
              .replace("|", "")
              .strip();
      String where = name + " row " + i + ": " + line;
      assertThat(number.endsWith(">")).as(where).isEqualTo(row.preemption());
      assertThat(number.replace(">", ""))
          .as(where)
          .isEqualTo(
              row.step() == row.lastStep() ? "" + row.step() : row.step() + ".." + row.lastStep());
      assertThat(column).as(where).startsWith(row.text());
      assertThat(column.endsWith("<-- " + found.obligation())).as(where).isEqualTo(row.breaking());
      assertThat(column.endsWith("  x" + row.count())).as(where).isEqualTo(row.count() > 1);
      assertThat(row.kind())
          .as(where)
          .isEqualTo(
              row.count() > 1
                  ? StepRow.FOLDED
                  : row.text().startsWith("... ") ? StepRow.LEFT_OUT : StepRow.STEP);
      assertThat(lines.get(0)).as(where).contains(row.actorName());
    }
  }
}
