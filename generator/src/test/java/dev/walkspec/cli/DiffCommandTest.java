package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.emit.c.CDiff;
import dev.walkspec.emit.c.CRenderer;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.semantics.SpecDiff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * walkspec diff finds exactly the differences the history predicts (the same ones HistoryTest
 * proves scenario by scenario), and its text is stable: compared with reviewed snapshots in
 * src/test/resources/snapshots (rewrite with -Dwalkspec.updateGolden=true, then review).
 */
class DiffCommandTest {
  private static CheckedSpec bundled(String name) {
    return new Pipeline(new SpecLoader(BundledSpecs.directory(), List.of()))
        .check(BundledSpecs.file(name))
        .checked();
  }

  @Test
  void v2_against_the_canonical_spec_is_one_group_null_handler_and_a_hit_in_address_space_1()
      throws Exception {
    List<String> parts = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    SpecDiff.Result r =
        SpecDiff.compare(
            bundled("kvm.walk"),
            bundled("v2-null-handler-break.walk"),
            new SpecDiff.Progress() {
              @Override
              public void part(int number, int total, String what) {
                parts.add(number + "/" + total + " " + what);
              }

              @Override
              public void scenarios(long count) {
                counts.add(count);
              }
            });
    // Every 4,096 scenarios run, compared or not, the count so far.
    long run = r.compared() + r.notComparable();
    assertThat(counts).hasSize((int) (run / SpecDiff.Progress.EVERY));
    assertThat(counts).last().isEqualTo(run / SpecDiff.Progress.EVERY * SpecDiff.Progress.EVERY);
    // The progress is told every part of the scope once, in order, the differing one among them.
    assertThat(parts).hasSizeGreaterThan(2);
    for (int i = 0; i < parts.size(); i++) {
      assertThat(parts.get(i)).startsWith((i + 1) + "/" + parts.size() + " ");
    }
    assertThat(parts)
        .contains(
            "1/" + parts.size() + " explicit inputs on x86",
            "2/" + parts.size() + " C1 invalidate_range_start on x86",
            "3/" + parts.size() + " C2 invalidate_range_end on x86");
    assertThat(r.groups()).hasSize(1);
    SpecDiff.Group g = r.groups().get(0);
    assertThat(g.firstDifference()).isEqualTo("A: UNLOCK write | B: a handler call");
    assertThat(g.shared())
        .containsEntry("handler", Set.of("null"))
        .containsEntry("on_lock", Set.of("set"))
        .containsEntry("lockless", Set.of("false"))
        .containsEntry("profile", Set.of("x86"))
        .containsEntry("slot hits", Set.of("address space 0 and address space 1"));
    assertThat(g.callsA()).isEqualTo("0 times");
    assertThat(g.callsB()).isEqualTo("1 to 3 times");
    // W8: with a null handler (the stub kvm_null_fn) the canonical walk calls nothing; V2's CALLs
    // are the stub called as if it were the handler, and the line says so.
    assertThat(g.nullHandler()).isTrue();
    assertThat(g.handlerCalls())
        .isEqualTo(
            "A calls no handler (the handler is null: kvm_null_fn), B calls kvm_null_fn as the"
                + " handler 1 to 3 times");
    assertThat(r.obligationChanges()).isEmpty();
    assertSnapshot("diff-kvm-v2.txt", DiffCommand.text(r));
  }

  @Test
  void v4_against_the_canonical_spec_differs_exactly_in_lockless_aging() throws Exception {
    SpecDiff.Result r =
        SpecDiff.compare(bundled("kvm.walk"), bundled("v4-v6.14-locked-aging.walk"));
    assertThat(r.groups()).hasSize(1);
    SpecDiff.Group g = r.groups().get(0);
    assertThat(g.firstDifference()).isEqualTo("A: a handler call | B: LOCK write");
    assertThat(g.nullHandler()).isFalse();
    assertThat(g.handlerCalls())
        .isEqualTo("A calls the handler 1 to 6 times, B calls it 1 to 6 times");
    assertThat(g.shared())
        // s390 ages locklessly since v7.0; the v6.14 file keeps its profile (an import cannot
        // remove one), so its aging is locked there like x86's.
        .containsEntry("profile", Set.of("s390", "x86", "x86_private"))
        .containsEntry(
            "operation", Set.of("C3 clear_flush_young", "C4 clear_young", "C5 test_young"))
        .containsEntry("lockless", Set.of("true"));
    assertThat(r.obligationChanges())
        .extracting(c -> c.binding())
        .containsExactlyInAnyOrder(
            "clear_flush_young[x86]",
            "clear_young[x86]",
            "test_young[x86]",
            "clear_flush_young[x86_private]",
            "clear_young[x86_private]",
            "test_young[x86_private]",
            "clear_flush_young[s390]",
            "clear_young[s390]",
            "test_young[s390]");
    assertThat(r.obligationChanges())
        .allSatisfy(
            c ->
                assertThat(c.noLongerApply())
                    .containsExactly(
                        "H3 table_lifetime",
                        "H4 atomic_updates",
                        "H6 concurrent_zaps",
                        "H7 no_structural_changes"));
    assertSnapshot("diff-kvm-v4.txt", DiffCommand.text(r));
  }

  /**
   * The canonical spec is v7.0; v6.15 (V5) is a history variant of it. Between them the walks,
   * their callers and the obligations behave the same on every scenario of the small scope (the
   * guest_memfd walks included: v6.15 has no init_shared file, and on the others C6's filter is the
   * private one v6.15 hard-coded): the only change is the Kconfig of 407fd8b8d8cc
   * (KVM_GENERIC_MMU_NOTIFIER removed with the `depends on` lines naming it), which the C
   * rendering's diff shows and nothing else (reviewed snapshot).
   */
  @Test
  void v6_15_against_the_canonical_v7_0_differs_only_in_the_kconfig() throws Exception {
    CheckedSpec v615 = bundled("v5-v6.15-lockless-aging.walk");
    CheckedSpec canonical = bundled("kvm.walk");
    SpecDiff.Result r = SpecDiff.compare(v615, canonical);
    assertThat(r.groups()).isEmpty();
    assertThat(r.differing()).isZero();
    assertThat(r.notComparable()).isZero();
    assertThat(r.obligationChanges()).isEmpty();
    String c = CDiff.unified(CRenderer.render(v615), CRenderer.render(canonical));
    // Every changed line is Kconfig, and names the removed option or is a depends-on line.
    assertThat(c.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).toList()).isEmpty();
    assertThat(c.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).toList())
        .isNotEmpty()
        .allSatisfy(
            l ->
                assertThat(l)
                    .satisfiesAnyOf(
                        x -> assertThat(x).contains("KVM_GENERIC_MMU_NOTIFIER"),
                        x -> assertThat(x).isEqualTo("-"),
                        x -> assertThat(x).startsWith("-\t")));
    assertSnapshot("diff-v6.15-kvm.txt", DiffCommand.text(r) + "\n--c:\n" + c);
  }

  /**
   * V8, the guest_memfd filter hard-coded to private (before 5d3341d684be): the diff names the
   * filter, and every differing scenario is C6 on an init_shared file.
   */
  @Test
  void v8_against_the_canonical_spec_is_the_gmem_filter_on_init_shared_files() throws Exception {
    SpecDiff.Result r =
        SpecDiff.compare(bundled("kvm.walk"), bundled("v8-gmem-private-filter.walk"));
    assertThat(r.groups()).hasSize(1);
    assertGmemFilterGroup(r.groups().get(0), "KVM_FILTER_SHARED", "KVM_FILTER_PRIVATE");
    assertThat(r.obligationChanges()).isEmpty();
    assertSnapshot("diff-kvm-v8.txt", DiffCommand.text(r));
  }

  /** The group of C6 scenarios whose calls pass {@code a}'s filter in A, {@code b}'s in B. */
  private static void assertGmemFilterGroup(SpecDiff.Group g, String a, String b) {
    assertThat(g.firstDifference())
        .isEqualTo(
            "A: a handler call with attr_filter "
                + a
                + " | B: a handler call with attr_filter "
                + b);
    assertThat(g.shared())
        .containsEntry("operation", Set.of("C6 gmem_invalidate_begin"))
        .containsEntry("init_shared", Set.of("true"));
    assertThat(g.smallest().gmem()).isNotEmpty();
  }

  /**
   * The command prints the diff on stdout exactly as the text above (the same snapshot), and on
   * stderr nothing but its progress: here, not a terminal, heartbeat lines (issue 18 item 4).
   */
  @Test
  void the_command_prints_the_diff_on_stdout_and_only_its_progress_on_stderr() throws Exception {
    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "diff",
            "../spec/src/main/walkspec/kvm.walk",
            "../spec/src/main/walkspec/v2-null-handler-break.walk");

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertSnapshot("diff-kvm-v2.txt", run.out());
    assertThat(run.err().lines())
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "walkspec diff: part \\d+ of \\d+ \\(.+ on [a-z0-9_]+\\), [0-9,]+ scenarios, \\d+ s"));
  }

  static void assertSnapshot(String name, String actual) throws Exception {
    Path file = Path.of("src/test/resources/snapshots").resolve(name);
    if (Boolean.getBoolean("walkspec.updateGolden")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as("snapshot %s is missing; run with -Dwalkspec.updateGolden=true and review it", file)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
