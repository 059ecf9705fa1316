package dev.walkspec.runtime.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Long step tables fold runs of like steps; the rows that tell the story stay as they are. */
class StepFoldingTest {
  private static StepFolding.Row row(int step, boolean preemption, int actor, String text) {
    return new StepFolding.Row(step, step, preemption, actor, text, 1, false);
  }

  /** Actor 0 runs 3 steps, actor 1 preempts it and loads 512 entries, actor 0 fails. */
  private static List<StepFolding.Row> teardown() {
    List<StepFolding.Row> rows = new ArrayList<>();
    rows.add(row(1, false, 0, "MmuLock.lockWrite: lock_write mmu_lock"));
    rows.add(row(2, false, 0, "Rcu.readLock: rcu_enter rcu"));
    rows.add(row(3, false, 0, "Kvm.condReschedMmuLock: unlock_write mmu_lock"));
    rows.add(row(4, true, 1, "MmuLock.acquire: lock_write mmu_lock"));
    for (int i = 0; i < 512; i++) {
      rows.add(row(5 + i, false, 1, "PageTables.free: load page#6[" + i + "] = 0x0"));
    }
    rows.add(row(517, false, 1, "MmuLock.release: unlock_write mmu_lock"));
    rows.add(row(518, false, 0, "Kvm.condReschedMmuLock: lock_write mmu_lock"));
    rows.add(row(519, false, 0, "EntryCursor.next: load page#6[0] (a freed page)  <-- H3"));
    return rows;
  }

  @Test
  void a_run_of_like_steps_is_one_row_with_its_ranges_and_count() {
    List<StepFolding.Row> folded = StepFolding.fold(StepFolding.markFixed(teardown(), 519));

    assertThat(folded)
        .extracting(StepFolding.Row::first, StepFolding.Row::last, StepFolding.Row::text)
        .containsExactly(
            tuple(1, 1, "MmuLock.lockWrite: lock_write mmu_lock"),
            tuple(2, 2, "Rcu.readLock: rcu_enter rcu"),
            tuple(3, 3, "Kvm.condReschedMmuLock: unlock_write mmu_lock"),
            tuple(4, 4, "MmuLock.acquire: lock_write mmu_lock"),
            tuple(5, 516, "PageTables.free: load page#6[0..511] = 0x0"),
            tuple(517, 517, "MmuLock.release: unlock_write mmu_lock"),
            tuple(518, 518, "Kvm.condReschedMmuLock: lock_write mmu_lock"),
            tuple(519, 519, "EntryCursor.next: load page#6[0] (a freed page)  <-- H3"));
    assertThat(folded.get(4).count()).isEqualTo(512);
    assertThat(folded.get(3).preemption()).isTrue();
  }

  @Test
  void a_table_of_forty_rows_or_fewer_is_shown_whole() {
    List<StepFolding.Row> rows = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      rows.add(row(i, false, 0, "EntryCursor.next: load page#5[" + i + "] = 0x0"));
    }

    assertThat(StepFolding.fold(StepFolding.markFixed(rows, 40)))
        .isEqualTo(StepFolding.markFixed(rows, 40));
  }

  @Test
  void a_table_that_folding_leaves_long_loses_the_middle_of_its_longest_run() {
    List<StepFolding.Row> rows = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      // No two alike: nothing folds.
      rows.add(
          row(
              i,
              false,
              0,
              "step "
                  + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?$%&/()=".charAt(i - 1)));
    }

    List<StepFolding.Row> folded = StepFolding.fold(StepFolding.markFixed(rows, 60));

    assertThat(folded).hasSize(40);
    assertThat(folded.get(0).text()).isEqualTo("step a");
    assertThat(folded.get(folded.size() - 1).first()).isEqualTo(60);
    assertThat(folded)
        .filteredOn(r -> r.text().startsWith("... "))
        .singleElement()
        .extracting(StepFolding.Row::text)
        .isEqualTo("... 21 steps left out (21 rows)");
  }
}
