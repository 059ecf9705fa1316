package dev.walkspec.conform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.conform.BundledRun;
import dev.walkspec.conform.CanonicalMutants;
import dev.walkspec.conform.ExpectedOutcomes;
import dev.walkspec.conform.HandlerSets;
import dev.walkspec.conform.Matrix;
import dev.walkspec.conform.MatrixCell;
import dev.walkspec.conform.MatrixResult;
import dev.walkspec.mutate.MutantOutcome;
import dev.walkspec.mutate.SpecMutant;
import dev.walkspec.mutate.SpecMutants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The report files of a small, made-up run (the what-if set X86AlignedStride and the plain-store
 * variant on the canonical spec and V4), one cell of which is not as expected-outcomes.tsv says:
 * X86AlignedStride "breaks" H5 on V4. The text outputs are compared with reviewed snapshots in
 * src/test/resources ({@code -Dwalkspec.updateGolden=true} rewrites them).
 */
class ReportFilesTest {
  static final String KVM = "kvm";
  static final String V4 = "v4-v6.14-locked-aging";
  static ReportView view;
  static MatrixResult result;

  @BeforeAll
  static void run() throws IOException {
    List<Matrix.NamedSpec> specs =
        BundledRun.specs(List.of()).stream()
            .filter(s -> s.name().equals(KVM) || s.name().equals(V4))
            .toList();
    String property = StepTableTest.fixture("property-report.txt");
    String explorer = StepTableTest.fixture("explorer-report.txt");
    result =
        MatrixResult.of(
            List.of(KVM, V4),
            List.of(
                // A set expected to pass everywhere (x86 itself has the kernel's H9 finding).
                HandlerSets.named("X86AlignedStride").orElseThrow(),
                HandlerSets.named("TdpAgePlainStore").orElseThrow()),
            List.of(
                new MatrixCell("X86AlignedStride", KVM, new TreeSet<>(), Map.of(), 30),
                cell("X86AlignedStride", V4, "H5", "clear_flush_young[x86]", explorer),
                cell("TdpAgePlainStore", KVM, "H4", "clear_flush_young[x86]", property),
                cell("TdpAgePlainStore", V4, "H5", "clear_flush_young[x86]", explorer)),
            8,
            74,
            1_234,
            12_345);
    view =
        ReportBuilder.build(
            result,
            ExpectedOutcomes.bundled(),
            specs,
            Optional.of(
                new CanonicalMutants(
                    KVM,
                    List.of(
                        outcome(
                            "drop W10",
                            MutantOutcome.Verdict.KILLED_BY_SUITES,
                            "W10 broken by clear_flush_young[x86]"),
                        outcome(
                            "W7 at walk start", MutantOutcome.Verdict.KILLED_BY_CHECKER, "WS021"),
                        outcome("W11 without !lockless", MutantOutcome.Verdict.SURVIVED, ""),
                        outcome(
                            "C4 test_age",
                            MutantOutcome.Verdict.NOT_RUN,
                            SpecMutants.EQUIVALENT.get("C4 test_age"))))),
            RUN);
  }

  static final ReportView.RunInfo RUN =
      new ReportView.RunInfo(
          "2026-12-06T10:00:00Z",
          "Test JDK 17",
          2,
          "20261126",
          150,
          "60 s or 200,000 schedules",
          "walkspec conform --handlers x86 kvm.walk");

  private static MutantOutcome outcome(String name, MutantOutcome.Verdict verdict, String detail) {
    SpecMutant mutant =
        SpecMutants.catalogue().stream()
            .filter(m -> m.name().equals(name))
            .findFirst()
            .orElseThrow();
    return new MutantOutcome(mutant, verdict, detail);
  }

  private static MatrixCell cell(
      String set, String spec, String obligation, String binding, String report) {
    return new MatrixCell(
        set,
        spec,
        new TreeSet<>(Set.of(obligation)),
        Map.of(
            obligation,
            new MatrixCell.Failure(
                obligation,
                binding,
                binding + " " + set + " " + obligation,
                report,
                "walkspec conform --handlers " + set + " " + spec)),
        30);
  }

  @Test
  void cells_are_coloured_by_how_they_compare_with_the_expected_outcomes() {
    assertThat(view.rows()).hasSize(2);
    assertThat(view.rows().get(0).cells())
        .extracting(ReportView.Cell::text, ReportView.Cell::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pass", "pass"),
            org.assertj.core.groups.Tuple.tuple("H5", "unexpected"));
    assertThat(view.rows().get(1).cells())
        .extracting(ReportView.Cell::text, ReportView.Cell::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("H4", "expected"),
            org.assertj.core.groups.Tuple.tuple("H5", "expected"));
    assertThat(view.asExpected()).isFalse();
    assertThat(view.differences())
        .containsExactly("X86AlignedStride on v4-v6.14-locked-aging: expected pass, got H5");
  }

  @Test
  void a_failure_states_its_obligation_cited_rule_finding_and_expected_reason() {
    ReportView.Failure plainStore = view.failures().get(1);
    assertThat(plainStore.anchor()).isEqualTo("cell-TdpAgePlainStore-kvm-H4");
    assertThat(plainStore.statement())
        .isEqualTo(
            "H4 atomic_updates: Every entry change is an atomic read-modify-write; a lost"
                + " compare-and-swap is not retried without bound and counts as young.");
    assertThat(plainStore.rules()).isEqualTo("W7 lock (kvm.walk:52)");
    assertThat(plainStore.finding())
        .startsWith("the handler threw dev.walkspec.runtime.api.RuleViolation: H4: plain store");
    assertThat(plainStore.reason()).isNotEmpty();
    assertThat(plainStore.diagram()).as("a one-call failure has no step table to draw").isEmpty();
    assertThat(plainStore.pageTables())
        .as("it threw: there are no tables after the call")
        .isEmpty();
  }

  @Test
  void the_coverage_lists_what_falsifies_each_obligation_and_flags_gaps() {
    ReportView.Coverage kvm = view.coverage().get(0);
    assertThat(kvm.spec()).isEqualTo(KVM);
    ReportView.Item h4 =
        kvm.items().stream().filter(i -> i.id().equals("H4")).findFirst().orElseThrow();
    assertThat(h4.falsifiedBy()).containsExactly("TdpAgePlainStore");
    assertThat(h4.exercisedBy()).startsWith("one-call properties of the age");
    ReportView.Item h9 =
        kvm.items().stream().filter(i -> i.id().equals("H9")).findFirst().orElseThrow();
    assertThat(h9.gap()).as("no variant in this small run breaks H9").isTrue();
  }

  @Test
  void the_rule_coverage_names_the_variants_and_spec_mutants_that_falsify_each_rule() {
    ReportView.Coverage kvm = view.coverage().get(0);
    Map<String, ReportView.Item> rules = new java.util.HashMap<>();
    kvm.rules().forEach(r -> rules.put(r.id(), r));

    assertThat(rules.get("W7").label()).isEqualTo("lock");
    assertThat(rules.get("W7").falsifiedBy())
        .containsExactly(
            "TdpAgePlainStore (H4)", "mutant 'W7 at walk start' (rejected by the checker: WS021)");
    assertThat(rules.get("W10").falsifiedBy())
        .containsExactly("mutant 'drop W10' (walker suite: W10 broken by clear_flush_young[x86])");
    assertThat(rules.get("W10").exercisedBy()).contains("the walker suites, on 1 spec mutant(s)");
    assertThat(rules.get("W11").gap()).as("its only mutant here survived").isTrue();
    assertThat(rules.get("C4").gap()).as("its only mutant here is an equivalent").isTrue();
    assertThat(rules.get("C4").label()).isEqualTo("operation clear_young");
    ReportView.Coverage v4 = view.coverage().get(1);
    assertThat(v4.rules())
        .filteredOn(r -> r.id().equals("W10"))
        .singleElement()
        .satisfies(r -> assertThat(r.gap()).as("mutants run on the canonical spec only").isTrue());
    assertThat(view.mutation().orElseThrow())
        .extracting(
            ReportView.Mutation::total,
            ReportView.Mutation::byChecker,
            ReportView.Mutation::bySuites,
            ReportView.Mutation::survived,
            ReportView.Mutation::notRun)
        .containsExactly(4, 1, 1, 1, 1);
  }

  @Test
  void the_ports_come_first_with_what_they_break_and_planted_bugs_are_the_self_test() {
    assertThat(view.findings())
        .singleElement()
        .satisfies(
            x86 -> {
              assertThat(x86.set()).isEqualTo("X86AlignedStride");
              assertThat(x86.kind()).isEqualTo("what-if");
              assertThat(x86.verdict()).isEqualTo("breaks H5 on 1 of 2 specs");
              assertThat(x86.broken())
                  .singleElement()
                  .satisfies(
                      b -> {
                        assertThat(b.title()).isEqualTo("H5 no_lost_updates");
                        assertThat(b.specs()).isEqualTo(V4);
                        assertThat(b.reason()).as("it is not listed to break H5").isEmpty();
                        assertThat(b.anchor())
                            .isEqualTo("cell-X86AlignedStride-v4-v6_14-locked-aging-H5");
                      });
            });
    assertThat(view.selfTest()).isEqualTo(new ReportView.SelfTest(1, 1, List.of()));
  }

  @Test
  void each_failure_carries_the_reason_listed_for_its_own_obligation() {
    ReportView.Failure h4 = view.failures().get(1);
    assertThat(h4.obligation()).isEqualTo("H4");
    assertThat(h4.reason()).isEqualTo("stores old & ~A with a plain store while lockless");
    ReportView.Failure h5 = view.failures().get(2);
    assertThat(h5.obligation()).isEqualTo("H5");
    assertThat(h5.reason())
        .isEqualTo(
            "even under the lock, the plain store erases a Dirty bit the hardware set since the"
                + " load");
  }

  @Test
  void the_html_report_puts_the_findings_first_and_states_the_run() {
    String html = ReportFiles.html(view);
    assertThat(html.indexOf("id=\"findings\"")).isLessThan(html.indexOf("id=\"self-test\""));
    assertThat(html.indexOf("id=\"self-test\"")).isLessThan(html.indexOf("id=\"matrix\""));
    assertThat(html)
        .contains("<dt>command</dt><dd>walkspec conform --handlers x86 kvm.walk</dd>")
        .contains("<dt>property seed</dt><dd>20261126</dd>")
        .contains("1 of 1 planted bugs caught exactly as expected-outcomes.tsv lists");
  }

  /**
   * Issue 18 item 3: the filter's controls are in the page but hidden until the script shows them
   * (without script every card shows); every card has an id, what the filter reads, and links back
   * to its matrix cells and to its set's row of the findings (the self-test for a planted bug),
   * each to an element of the page; the script is inline, nothing is fetched.
   */
  @Test
  void every_card_has_an_id_filter_data_and_links_back_to_its_cells_and_findings() {
    org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(ReportFiles.html(view));
    org.jsoup.nodes.Element filter = doc.getElementById("filter");
    assertThat(filter).isNotNull();
    assertThat(filter.hasAttr("hidden")).as("shown by the script only").isTrue();
    assertThat(filter.select("input#filter-text[type=search]")).hasSize(1);
    assertThat(filter.select("input#filter-kernel[type=checkbox]")).hasSize(1);
    assertThat(filter.select("input#filter-planted[type=checkbox]")).hasSize(1);
    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("script[src], link, img, iframe")).isEmpty();

    org.jsoup.select.Elements cards = doc.select("div.failure");
    assertThat(cards.eachAttr("id"))
        .containsExactly(
            "cell-X86AlignedStride-v4-v6_14-locked-aging-H5",
            "cell-TdpAgePlainStore-kvm-H4",
            "cell-TdpAgePlainStore-v4-v6_14-locked-aging-H5");
    assertThat(cards.eachAttr("data-kind"))
        .containsExactly("what-if", "planted bug", "planted bug");
    assertThat(cards.eachAttr("data-obligation")).containsExactly("H5", "H4", "H5");
    assertThat(cards.get(1).attr("data-search"))
        .isEqualTo(
            "tdpageplainstore h4 kvm clear_flush_young[x86]"
                + " clear_flush_young[x86] tdpageplainstore h4");
    assertThat(cards.get(0).select("p.back a").eachAttr("href"))
        .containsExactly(
            "#matrix", "#cell-X86AlignedStride-v4-v6_14-locked-aging", "#finding-X86AlignedStride");
    assertThat(cards.get(2).select("p.back a").eachAttr("href"))
        .containsExactly("#matrix", "#cell-TdpAgePlainStore-v4-v6_14-locked-aging", "#self-test");
    for (org.jsoup.nodes.Element link : doc.select("a[href^=#]")) {
      assertThat(doc.getElementById(link.attr("href").substring(1)))
          .as("target of %s", link.attr("href"))
          .isNotNull();
    }
    assertThat(doc.select("td.cell").eachAttr("id"))
        .containsExactly(
            "cell-X86AlignedStride-kvm",
            "cell-X86AlignedStride-v4-v6_14-locked-aging",
            "cell-TdpAgePlainStore-kvm",
            "cell-TdpAgePlainStore-v4-v6_14-locked-aging");
  }

  /**
   * Issue 18 item 3: each cell's time in its tooltip, "cached" for a cell whose judgements all came
   * from the cache, and the slowest cells in the run section (cached ones took nothing now).
   */
  @Test
  void cells_show_their_time_shared_part_and_cached_and_the_slowest_are_listed() {
    MatrixResult timed =
        MatrixResult.of(
            List.of(KVM, V4),
            List.of(HandlerSets.named("X86AlignedStride").orElseThrow()),
            List.of(
                new MatrixCell(
                    "X86AlignedStride",
                    KVM,
                    new TreeSet<>(),
                    Map.of(),
                    30,
                    new MatrixCell.Time(12_340, 2_000, 10, 3, 0, 0)),
                new MatrixCell(
                    "X86AlignedStride",
                    V4,
                    new TreeSet<>(),
                    Map.of(),
                    30,
                    new MatrixCell.Time(0, 0, 0, 0, 12, 4_560))),
            1,
            30,
            0,
            20_000);
    ReportView timedView =
        ReportBuilder.build(
            timed,
            ExpectedOutcomes.bundled(),
            BundledRun.specs(List.of()).stream()
                .filter(s -> s.name().equals(KVM) || s.name().equals(V4))
                .toList(),
            Optional.empty(),
            RUN);

    assertThat(timedView.rows().get(0).cells())
        .extracting(ReportView.Cell::time, ReportView.Cell::millis, ReportView.Cell::timeTitle)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "12.3 s",
                12_340L,
                "ran 10 judgements in 12.3 s (2.0 s of it in 3 judgements shared with other"
                    + " cells, counted in each)"),
            org.assertj.core.groups.Tuple.tuple(
                "cached",
                0L,
                "cached: all 12 judgements from the result cache (they took 4.6 s when they"
                    + " ran)"));
    assertThat(timedView.slowest(10))
        .containsExactly(
            new ReportView.Slow(
                "X86AlignedStride on kvm",
                "cell-X86AlignedStride-kvm",
                "12.3 s",
                "ran 10 judgements in 12.3 s (2.0 s of it in 3 judgements shared with other"
                    + " cells, counted in each)"));
    org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(ReportFiles.html(timedView));
    assertThat(doc.getElementById("cell-X86AlignedStride-v4-v6_14-locked-aging").attr("title"))
        .endsWith(
            "; cached: all 12 judgements from the result cache (they took 4.6 s when they ran)");
    assertThat(doc.select("ol.slowest li").eachText())
        .containsExactly(
            "X86AlignedStride on kvm: 12.3 s (ran 10 judgements in 12.3 s (2.0 s of it in 3"
                + " judgements shared with other cells, counted in each))");
    assertThat(doc.select("ol.slowest a").attr("href")).isEqualTo("#cell-X86AlignedStride-kvm");
    // A made-up cell was not timed: no time sentence in its tooltip, no slowest list.
    assertThat(ReportFiles.html(view))
        .doesNotContain("judgements from the result cache")
        .doesNotContain("id=\"slowest\"");
  }

  @Test
  void coverage_says_not_run_where_nothing_that_could_falsify_ran() {
    MatrixResult portsOnly =
        MatrixResult.of(
            List.of(KVM),
            List.of(HandlerSets.named("x86").orElseThrow()),
            List.of(new MatrixCell("x86", KVM, new TreeSet<>(), Map.of(), 30)),
            1,
            30,
            0,
            1_000);
    ReportView ports =
        ReportBuilder.build(
            portsOnly,
            ExpectedOutcomes.bundled(),
            BundledRun.specs(List.of()).stream().filter(s -> s.name().equals(KVM)).toList(),
            Optional.empty(),
            RUN);
    ReportView.Item h9 =
        ports.coverage().get(0).items().stream()
            .filter(i -> i.id().equals("H9"))
            .findFirst()
            .orElseThrow();
    assertThat(h9.gap()).isFalse();
    assertThat(h9.notRun()).isTrue();
    assertThat(ReportFiles.html(ports))
        .contains("not run: no known-bad variant or spec mutant ran");
  }

  @Test
  void a_one_call_failure_shows_its_page_tables_before_and_after() {
    String report =
        String.join(
            "\n",
            "walkspec: H9 coverage broken by age handler X in clear_young[x86]",
            "  scenario: range [10,12)",
            "  mappings of the range are still young after aging: root 0 gfn 11 4K PWA-",
            "  page tables, range [10, 12) of address space 0, before -> after the call:",
            "          root     gfn      size      before after",
            "      *   0        10       4K        PWA-   PW--",
            "          0        11       4K        PWA-   PWA-",
            "      (* changed by the call; root s<n> is a shadow root, <n>! an invalid root)",
            "  reproduce: mvn test -Dtest='X#h9Coverage'");
    assertThat(ReportBuilder.pageTables(report))
        .contains(
            String.join(
                "\n",
                "page tables, range [10, 12) of address space 0, before -> after the call:",
                "        root     gfn      size      before after",
                "    *   0        10       4K        PWA-   PW--",
                "        0        11       4K        PWA-   PWA-",
                "    (* changed by the call; root s<n> is a shadow root, <n>! an invalid root)"));
    assertThat(ReportBuilder.pageTables("walkspec: H4 ... the handler threw X")).isEmpty();
  }

  @Test
  void summary_md_is_the_reviewed_snapshot() throws IOException {
    Snapshots.assertEquals("summary.md", ReportFiles.markdown(view));
  }

  @Test
  void junit_xml_is_the_reviewed_snapshot_and_well_formed() throws Exception {
    String xml = ReportFiles.junit(view, result);
    Snapshots.assertEquals("junit.xml", xml);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(4);
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
  }

  @Test
  void the_matrix_document_is_the_reviewed_snapshot() throws IOException {
    Snapshots.assertEquals("conformance-matrix.md", MatrixDoc.of(view));
  }

  @Test
  void files_are_written_whole_and_readable_by_others(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(ReportFiles.HTML), "an older report");
    ReportFiles.write(dir, view, result);
    assertThat(Files.readString(dir.resolve(ReportFiles.HTML))).startsWith("<!DOCTYPE html>");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              ReportFiles.HTML,
              ReportFiles.JUNIT,
              ReportFiles.MARKDOWN,
              ReportFiles.MATRIX_DOC,
              ReportFiles.OBLIGATIONS_DOC);
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve(ReportFiles.HTML)))
        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
  }
}
