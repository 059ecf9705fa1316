package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.arch.X86EntryCodec;
import dev.walkspec.suite.Judges.Finding;
import dev.walkspec.suite.PageTableSnapshot.Leaf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one-call judges as pure functions: hand-built tables before and after one call, and the
 * finding each judge must give (H7, H9, H10, H11). Entries are x86's: P, W, A, D bits.
 */
class TableJudgesTest {
  private static final X86EntryCodec CODEC = X86EntryCodec.INSTANCE;

  private static long entry(boolean accessed, boolean dirty) {
    return CODEC.leaf(0x100, 1, true, accessed, dirty);
  }

  /** A 4K leaf of TDP root 0 in address space 0. */
  private static Leaf leaf(long gfn, long entry) {
    return new Leaf(0, 0, false, true, gfn, 1, 1, entry);
  }

  @SafeVarargs
  private static PageTableSnapshot tables(Leaf... leaves) {
    Map<PageTableSnapshot.Key, Leaf> map = new LinkedHashMap<>();
    for (Leaf l : leaves) {
      map.put(PageTableSnapshot.Key.of(l), l);
    }
    return new PageTableSnapshot(map);
  }

  private static TableJudges.Call call(
      String kind,
      boolean lockless,
      boolean result,
      boolean flushedItself,
      PageTableSnapshot before,
      PageTableSnapshot after) {
    return new TableJudges.Call(
        kind, 0, 10, 12, lockless, result, flushedItself, true, before, after, CODEC);
  }

  @Test
  void a_leaf_is_named_by_space_root_gfn_and_level_a_shadow_root_with_s() {
    assertThat(PageTableSnapshot.Key.of(leaf(10, entry(true, false)))).hasToString("0/0/10/1");
    assertThat(PageTableSnapshot.Key.of(new Leaf(1, 3, true, true, 512, 2, 512, 0)))
        .hasToString("1/s3/512/2");
  }

  @Test
  void h9_unmap_that_leaves_a_mapping_of_the_range_is_found() {
    PageTableSnapshot before = tables(leaf(10, entry(true, false)), leaf(11, entry(true, false)));
    PageTableSnapshot after = tables(leaf(11, entry(true, false)));
    assertThat(TableJudges.coverage(call("unmap", false, true, false, before, after)))
        .map(Finding::obligation)
        .contains("H9");
    assertThat(TableJudges.coverage(call("unmap", false, true, false, before, tables()))).isEmpty();
  }

  @Test
  void h9_age_that_leaves_a_young_mapping_names_it() {
    PageTableSnapshot before = tables(leaf(10, entry(true, false)), leaf(11, entry(true, false)));
    PageTableSnapshot after = tables(leaf(10, entry(false, false)), leaf(11, entry(true, false)));
    Optional<Finding> found = TableJudges.coverage(call("age", true, true, false, before, after));
    assertThat(found)
        .contains(
            new Finding(
                "H9", "mappings of the range are still young after aging: root 0 gfn 11 4K PWA-"));
  }

  @Test
  void h10_change_outside_the_range_is_found_and_inside_is_not() {
    PageTableSnapshot before = tables(leaf(9, entry(true, false)), leaf(10, entry(true, false)));
    PageTableSnapshot agedInside =
        tables(leaf(9, entry(true, false)), leaf(10, entry(false, false)));
    PageTableSnapshot agedOutside =
        tables(leaf(9, entry(false, false)), leaf(10, entry(false, false)));
    assertThat(TableJudges.confinement(call("age", false, true, false, before, agedInside)))
        .isEmpty();
    assertThat(TableJudges.confinement(call("age", false, true, false, before, agedOutside)))
        .contains(new Finding("H10", "entries outside the range changed: 0/0/9/1 PWA- -> PW--"));
  }

  @Test
  void h7_lockless_age_may_clear_accessed_only() {
    PageTableSnapshot before = tables(leaf(10, entry(true, true)));
    PageTableSnapshot dirtyCleared = tables(leaf(10, entry(false, false)));
    assertThat(TableJudges.confinement(call("age", true, true, false, before, dirtyCleared)))
        .map(Finding::obligation)
        .contains("H7");
    // The same change with the lock held is no structural change H7 is about.
    assertThat(TableJudges.confinement(call("age", false, true, false, before, dirtyCleared)))
        .isEmpty();
  }

  @Test
  void h11_unmap_false_is_right_only_when_it_flushed_itself() {
    PageTableSnapshot before = tables(leaf(10, entry(true, false)));
    assertThat(TableJudges.resultMeaning(call("unmap", false, false, false, before, tables())))
        .map(Finding::obligation)
        .contains("H11");
    assertThat(TableJudges.resultMeaning(call("unmap", false, false, true, before, tables())))
        .isEmpty();
    assertThat(TableJudges.resultMeaning(call("unmap", false, true, false, before, before)))
        .contains(
            new Finding(
                "H11",
                "unmap removed nothing but returned true, asking the walk for a flush nothing"
                    + " needs"));
  }

  @Test
  void h11_test_age_must_change_nothing() {
    PageTableSnapshot before = tables(leaf(10, entry(true, false)));
    PageTableSnapshot cleared = tables(leaf(10, entry(false, false)));
    assertThat(TableJudges.resultMeaning(call("test_age", true, true, false, before, cleared)))
        .contains(new Finding("H11", "test_age changed entries: 0/0/10/1 PWA- -> PW--"));
    assertThat(TableJudges.resultMeaning(call("test_age", true, true, false, before, before)))
        .isEmpty();
  }

  @Test
  void changes_are_records_removed_added_and_rewritten() {
    PageTableSnapshot before = tables(leaf(10, entry(true, false)), leaf(11, entry(true, false)));
    PageTableSnapshot after = tables(leaf(11, entry(false, false)), leaf(40, entry(true, false)));
    assertThat(before.changes(after))
        .extracting(c -> c.describe(CODEC))
        .containsExactly("0/0/10/1 removed", "0/0/11/1 PWA- -> PW--", "0/0/40/1 added");
    assertThat(before.changes(after).get(0).removed()).isTrue();
    assertThat(before.changes(after).get(2).added()).isTrue();
    assertThat(before.changes(after).get(2).inside(0, 10, 12)).isFalse();
  }

  @Test
  void a_failure_shows_the_entries_that_matter_before_and_after_the_call() {
    PageTableSnapshot before =
        tables(
            leaf(9, entry(true, false)), leaf(10, entry(true, true)), leaf(11, entry(true, false)));
    PageTableSnapshot after =
        tables(
            leaf(9, entry(false, false)),
            leaf(10, entry(false, true)),
            leaf(11, entry(true, false)));
    assertThat(TableJudges.tables(call("age", false, true, false, before, after)))
        .isEqualTo(
            String.join(
                "\n",
                "page tables, range [10, 12) of address space 0, before -> after the call:",
                "        root     gfn      size      before after",
                "    *   0        10       4K        PWAD   PW-D",
                "        0        11       4K        PWA-   PWA-",
                "    *   0        9        4K        PWA-   PW--",
                "    (* changed by the call; root s<n> is a shadow root, <n>! an invalid root)"));
  }
}
