package dev.walkspec.conform.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading an explorer report's step table back (explorer-report.txt: the lost update of the plain
 * store variant under the read-locked aging spec, H5) and laying it out as a sequence diagram.
 */
class StepTableTest {
  static String fixture(String name) throws IOException {
    try (InputStream in = StepTableTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void reads_actors_steps_preemptions_and_the_breaking_step() throws IOException {
    StepTable table = StepTable.in(fixture("explorer-report.txt")).orElseThrow();

    assertThat(table.actors()).containsExactly("walk", "zap", "vcpu");
    assertThat(table.rows()).hasSize(28);
    assertThat(table.rows().get(0))
        .isEqualTo(
            new StepTable.Row(1, 0, "Srcu.readLock: srcu_enter srcu", false, Optional.empty()));
    assertThat(table.rows().get(19))
        .isEqualTo(
            new StepTable.Row(
                20, 2, "Vcpu.access: tlb_lookup tlb[vcpu 0][3]", true, Optional.empty()));
    assertThat(table.rows().get(27))
        .isEqualTo(
            new StepTable.Row(
                28,
                0,
                "EntryCursor.store: store page#5[3] on 0x100003063",
                true,
                Optional.of("H5")));
    assertThat(table.rows().stream().filter(StepTable.Row::preemption).map(StepTable.Row::step))
        .containsExactly(20, 28);
    assertThat(table.rows().stream().filter(r -> r.actor() == 1))
        .as("the zapper never ran")
        .isEmpty();
  }

  @Test
  void a_report_without_a_step_table_has_none() throws IOException {
    assertThat(StepTable.in(fixture("property-report.txt"))).isEmpty();
    assertThat(StepTable.in("")).isEmpty();
  }

  @Test
  void the_diagram_has_a_lane_per_actor_then_the_shared_state_and_an_arrow_per_step()
      throws IOException {
    SequenceDiagram diagram =
        SequenceDiagram.of(StepTable.in(fixture("explorer-report.txt")).orElseThrow());

    assertThat(diagram.lanes())
        .containsExactly(
            new SequenceDiagram.Lane("walk", 60),
            new SequenceDiagram.Lane("zap", 230),
            new SequenceDiagram.Lane("vcpu", 400),
            new SequenceDiagram.Lane("shared state", 570));
    List<SequenceDiagram.Arrow> arrows = diagram.arrows();
    assertThat(arrows).hasSize(28);
    // Rows start one row below the lane names (40 + 26) and are 26 apart.
    assertThat(arrows.get(0).y()).isEqualTo(66);
    assertThat(arrows.get(0).x1()).isEqualTo(60);
    assertThat(arrows.get(19).x1()).as("step 20 is the vCPU's").isEqualTo(400);
    assertThat(arrows.get(27).y()).isEqualTo(66 + 27 * 26);
    assertThat(arrows.stream().filter(SequenceDiagram.Arrow::breaking).map(a -> a.step()))
        .containsExactly(28);
    assertThat(arrows.get(27).label())
        .isEqualTo("28. EntryCursor.store: store page#5[3] on 0x100003063  \u2190 breaks H5");
    // The dashed line of a preemption sits half a row above its step.
    assertThat(diagram.preemptions()).containsExactly(66 + 19 * 26 - 13, 66 + 27 * 26 - 13);
    assertThat(diagram.height()).isEqualTo(66 + 28 * 26 + 26);
  }

  @Test
  void long_step_texts_are_shortened_and_the_drawing_is_wide_enough_for_its_labels() {
    String longText = "x".repeat(200);
    StepTable table =
        new StepTable(
            List.of("walk"), List.of(new StepTable.Row(1, 0, longText, false, Optional.empty())));
    SequenceDiagram diagram = SequenceDiagram.of(table);
    String label = diagram.arrows().get(0).label();
    assertThat(label).hasSize("1. ".length() + SequenceDiagram.LABEL_CHARS).endsWith("...");
    assertThat(diagram.width())
        .isGreaterThanOrEqualTo(
            diagram.arrows().get(0).labelX() + (int) (label.length() * SequenceDiagram.CHAR_WIDTH));
  }
}
