package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.cli.Main;
import dev.walkspec.conform.report.ReportFiles;
import dev.walkspec.conform.report.SequenceDiagram;
import dev.walkspec.conform.report.StepTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cards of the full matrix (the run {@link MatrixTest} makes): each distinct counterexample
 * prints one command, and the command, run as printed, reproduces it. An explored one breaks the
 * same obligation in the same number of steps; a one-call one fails the same obligation again in a
 * narrowed run that keeps the suite holding the failing property.
 */
class ReproduceEveryCardTest {
  /** One section of the generated conformance-matrix.md: a distinct counterexample. */
  record Card(String title, String command, String report) {}

  private static final Pattern REPRODUCE = Pattern.compile("(?m)^- \\*\\*Reproduce\\*\\*: `(.*)`$");

  static List<Card> cards() throws Exception {
    Path doc = FullRun.get().reportDir().resolve(ReportFiles.MATRIX_DOC);
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    List<Card> cards = new ArrayList<>();
    String[] sections = text.split("\n### ");
    for (int i = 1; i < sections.length; i++) {
      String section = sections[i];
      Matcher command = REPRODUCE.matcher(section);
      int report = section.indexOf("```text\n");
      if (!command.find() || report < 0) {
        continue;
      }
      cards.add(
          new Card(
              section.lines().findFirst().orElseThrow(),
              command.group(1),
              section.substring(report + 8, section.indexOf("\n```", report + 8))));
    }
    return cards;
  }

  @Test
  void every_explored_counterexample_replays_from_the_command_its_card_prints() throws Exception {
    List<Card> cards = cards();
    assertThat(cards).as("the cards of the full run").isNotEmpty();
    assertThat(cards).allMatch(c -> c.command().startsWith("walkspec "));
    Map<String, String> replayed = new LinkedHashMap<>();
    for (Card card : cards) {
      if (!card.command().startsWith("walkspec replay ") || replayed.containsKey(card.command())) {
        continue;
      }
      ReproduceTest.Run run = ReproduceTest.run(card.command());
      assertThat(run.code())
          .as("%s: %s%n%s", card.title(), card.command(), run.err())
          .isEqualTo(Main.FINDINGS);
      assertThat(ReproduceTest.outcome(run.out()))
          .as("%s: %s", card.title(), card.command())
          .isEqualTo(ReproduceTest.outcome(card.report()));
      replayed.put(card.command(), ReproduceTest.outcome(run.out()));
    }
    System.out.println(
        "replayed "
            + replayed.size()
            + " distinct explored counterexamples of "
            + cards.size()
            + " cards");
    assertThat(replayed).isNotEmpty();
    assertThat(replayed.values()).anyMatch(o -> o.startsWith("unmap-vs-root-free breaks H3"));
  }

  @Test
  void the_use_after_free_card_is_folded_to_forty_rows_with_both_actors() throws Exception {
    Card card =
        cards().stream()
            .filter(c -> c.title().startsWith("TdpUnmapWalksFreedRoot: H3"))
            .findFirst()
            .orElseThrow();
    StepTable table = StepTable.in(card.report()).orElseThrow();

    assertThat(table.actors()).containsExactly("notifier", "teardown");
    assertThat(table.rows()).hasSizeLessThanOrEqualTo(40);
    assertThat(table.rows()).anyMatch(r -> r.actor() == 0).anyMatch(r -> r.actor() == 1);
    assertThat(table.rows()).anyMatch(StepTable.Row::preemption);
    assertThat(table.rows().get(table.rows().size() - 1).broke()).contains("H3");
    // The teardown's loads of the freed pages' entries: hundreds of like steps in a row each.
    assertThat(card.report())
        .containsPattern(
            "PageTables\\.free: load page#[0-9.]+\\[[0-9.]+\\] = [0-9a-fx.]+ \\[none\\]  x\\d{3,}")
        .doesNotContain("PageTables.free: load page#6[502]");
    SequenceDiagram diagram = SequenceDiagram.of(table);
    assertThat(diagram.lanes())
        .extracting(SequenceDiagram.Lane::name)
        .containsExactly("notifier", "teardown", "shared state");
    assertThat(diagram.arrows())
        .extracting(SequenceDiagram.Arrow::x1)
        .contains(diagram.lanes().get(0).x(), diagram.lanes().get(1).x());
  }

  @Test
  void a_one_call_counterexample_fails_again_in_the_narrowed_run_its_card_prints(@TempDir Path dir)
      throws Exception {
    Card card =
        cards().stream().filter(c -> c.title().startsWith("riscv: H9")).findFirst().orElseThrow();
    assertThat(card.command()).startsWith("walkspec conform --handlers riscv --keep-suites ");
    Matcher property =
        Pattern.compile("then the property (\\w+)#(\\w+) \\(seed (\\d+)\\)")
            .matcher(card.command());
    assertThat(property.find()).as(card.command()).isTrue();
    List<String> words = new ArrayList<>(ReproduceTest.words(card.command()));
    // The same command, with its report and kept suites in a temporary directory (the printed
    // one writes to target/, where this module's full run keeps its report).
    words.set(words.indexOf("--keep-suites") + 1, dir.resolve("suites").toString());
    words.add(1 + 1, "-o");
    words.add(1 + 2, dir.resolve("report").toString());

    ReproduceTest.Run run =
        ReproduceTest.walkspec(words.subList(1, words.size()).toArray(String[]::new));

    assertThat(run.out()).containsPattern("(?m)^riscv +\\|.*H9");
    try (var files = Files.walk(dir.resolve("suites"))) {
      assertThat(files.map(p -> p.getFileName().toString())).contains(property.group(1) + ".java");
    }
    assertThat(
            Files.walk(dir.resolve("suites"))
                .filter(p -> p.getFileName().toString().equals(property.group(1) + ".java"))
                .findFirst()
                .map(
                    p -> {
                      try {
                        return Files.readString(p, StandardCharsets.UTF_8);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    })
                .orElseThrow())
        .contains("void " + property.group(2) + "(")
        .contains("seed = \"" + property.group(3) + "\"");
  }

  @Test
  void the_full_report_is_at_most_two_megabytes() throws Exception {
    Path html = FullRun.get().reportDir().resolve(ReportFiles.HTML);

    assertThat(Files.size(html)).isLessThanOrEqualTo(2L * 1024 * 1024);
  }

  @Test
  void identical_counterexamples_are_one_card() throws Exception {
    String html =
        Files.readString(
            FullRun.get().reportDir().resolve(ReportFiles.HTML), StandardCharsets.UTF_8);

    assertThat(html)
        .containsPattern(
            "TdpUnmapWalksFreedRoot: H3 on [^<]+<span class=\"same\">\\(the same in \\d+ specs\\)");
    assertThat(html.split("<div class=\"failure\"", -1).length - 1)
        .as("one HTML card per distinct counterexample, as in conformance-matrix.md")
        .isEqualTo(cards().size());
  }
}
