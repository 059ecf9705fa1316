package dev.walkspec.conform.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.walkspec.conform.FullRun;
import dev.walkspec.conform.HandlerSet;
import dev.walkspec.conform.HandlerSets;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The HTML report of the full conformance run, as a browser sees it: headless Chromium (Debian's
 * package; .ci/run installs it) loads it without errors, and the DOM it built has one matrix cell
 * per handler set and spec, an SVG sequence diagram per counterexample, and a target for every
 * link. The same checks run on the file itself with jsoup, so they hold on a machine without
 * Chromium too. The screenshot the README shows is taken here ({@code -Dwalkspec.updateDocs=true}
 * copies it to docs/images).
 */
class ReportRenderTest {
  static final String REQUIRE_CHROMIUM = "WALKSPEC_REQUIRE_CHROMIUM";
  static final int SPECS = 13;

  @Test
  void the_report_file_has_every_cell_diagram_and_link_target() throws IOException {
    Path html = FullRun.get().reportDir().resolve(ReportFiles.HTML);
    checkStructure(Jsoup.parse(html.toFile(), "UTF-8"));
  }

  @Test
  void chromium_opens_the_report_without_errors_and_builds_the_same_dom() throws Exception {
    Path html = FullRun.get().reportDir().resolve(ReportFiles.HTML).toAbsolutePath();
    Path chromium = chromium();
    Path profile = Files.createTempDirectory("walkspec-chromium");
    Result dom = run(chromium, profile, "--dump-dom", html.toUri().toString());
    assertThat(dom.exitCode()).as("chromium's exit code; stderr:%n%s", dom.err()).isZero();
    assertThat(errors(dom.err())).as("errors chromium logged loading the report").isEmpty();
    checkStructure(Jsoup.parse(dom.out()));

    Path png = html.resolveSibling("report.png");
    Files.deleteIfExists(png);
    Result shot =
        run(
            chromium,
            profile,
            "--window-size=1400,1000",
            "--hide-scrollbars",
            "--screenshot=" + png,
            html.toUri().toString());
    assertThat(shot.exitCode()).as("screenshot; stderr:%n%s", shot.err()).isZero();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(1000);
    if (Boolean.getBoolean("walkspec.updateDocs")) {
      Path docs = FullRun.docs().resolve("images");
      Files.createDirectories(docs);
      Files.copy(png, docs.resolve("conform-report.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** One cell per handler set x spec, a diagram per counterexample, every link's target there. */
  private static void checkStructure(Document doc) {
    List<HandlerSet> sets = HandlerSets.bundled();
    assertThat(doc.select("table#matrix tr").size()).isEqualTo(1 + sets.size());
    assertThat(doc.select("table#matrix th.spec")).hasSize(SPECS);
    assertThat(doc.select("table#matrix td.cell")).hasSize(sets.size() * SPECS);
    for (HandlerSet set : sets) {
      assertThat(doc.select("table#matrix th.set").eachText()).contains(set.name());
    }
    assertThat(doc.select("td.cell.unexpected, td.cell.missing")).isEmpty();
    List<Element> failures = doc.select("div.failure");
    assertThat(failures).isNotEmpty();
    for (Element failure : failures) {
      // An explored counterexample is drawn from its steps; a one-call failure shows the page
      // tables before and after the call instead (or neither, when the call threw).
      int diagrams = failure.select("svg.sequence").size();
      int tables = failure.select("pre.tables").size();
      assertThat(diagrams + tables)
          .as("diagram or tables of %s", failure.id())
          .isLessThanOrEqualTo(1);
      if (diagrams == 1) {
        assertThat(failure.select("svg line.step.breaking")).as(failure.id()).hasSize(1);
      }
    }
    assertThat(doc.select("div.failure svg.sequence")).as("explored counterexamples").isNotEmpty();
    assertThat(doc.select("div.failure pre.tables")).as("one-call page tables").isNotEmpty();
    assertThat(doc.select("table#findings-table tr")).as("a row per port").hasSizeGreaterThan(1);
    assertThat(doc.select("svg line.preemption")).as("preemptions drawn").isNotEmpty();
    for (Element cell : doc.select("table#matrix td.cell.expected")) {
      assertThat(cell.select("a").eachText())
          .as("a link per broken obligation in %s", cell.attr("title"))
          .containsExactly(cell.text().split(" "));
    }
    for (Element link : doc.select("table#matrix a[href^=#]")) {
      String id = link.attr("href").substring(1);
      assertThat(doc.getElementById(id)).as("target of %s", link.attr("href")).isNotNull();
    }
    // Issue 18 item 3: one inline script, the filter's controls, an id on every card (unique).
    assertThat(doc.select("script, link, img, iframe"))
        .as("self-contained: nothing fetched, one inline script")
        .singleElement()
        .satisfies(script -> assertThat(script.tagName()).isEqualTo("script"))
        .satisfies(script -> assertThat(script.hasAttr("src")).isFalse());
    assertThat(doc.select("#filter input#filter-text, #filter input#filter-kernel")).hasSize(2);
    assertThat(doc.select("#filter input#filter-planted")).hasSize(1);
    List<String> ids = failures.stream().map(Element::id).toList();
    assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
    for (Element failure : failures) {
      assertThat(failure.select("p.back a[href^=#cell-]")).as(failure.id()).isNotEmpty();
      assertThat(failure.attr("data-obligation")).as(failure.id()).isNotEmpty();
    }
    for (Element link : doc.select("div.failure a[href^=#], table#findings-table a[href^=#]")) {
      String id = link.attr("href").substring(1);
      assertThat(doc.getElementById(id)).as("target of %s", link.attr("href")).isNotNull();
    }
  }

  /**
   * Issue 18 item 3, in the browser: the page opened as report.html#filter=H3 shows the H3 cards
   * only (an obligation id names the card's obligation: not H13) and shows the controls;
   * ?filter=...&only=planted combines a word with the planted-bugs toggle. The expected cards are
   * read from the cards' own data, not from the script.
   */
  @Test
  void chromium_filters_the_cards_by_the_url() throws Exception {
    Path html = FullRun.get().reportDir().resolve(ReportFiles.HTML).toAbsolutePath();
    Path chromium = chromium();
    Path profile = Files.createTempDirectory("walkspec-chromium");

    Result h3 = run(chromium, profile, "--dump-dom", html.toUri() + "#filter=H3");
    assertThat(h3.exitCode()).as("stderr:%n%s", h3.err()).isZero();
    assertThat(errors(h3.err())).isEmpty();
    Document doc = Jsoup.parse(h3.out());
    assertThat(doc.getElementById("filter").hasAttr("hidden")).as("the script shows it").isFalse();
    List<Element> cards = doc.select("div.failure");
    List<Element> shown = cards.stream().filter(c -> !c.hasAttr("hidden")).toList();
    assertThat(shown).as("H3 cards").isNotEmpty().hasSizeLessThan(cards.size());
    assertThat(cards)
        .allSatisfy(
            c ->
                assertThat(c.hasAttr("hidden"))
                    .as(c.id())
                    .isEqualTo(!c.attr("data-obligation").equals("H3")));
    assertThat(doc.getElementById("filter-count").text())
        .isEqualTo(shown.size() + " of " + cards.size() + " counterexamples shown");

    String set = "TdpAgePlainStore";
    Result planted =
        run(chromium, profile, "--dump-dom", html.toUri() + "?filter=" + set + "&only=planted");
    assertThat(planted.exitCode()).as("stderr:%n%s", planted.err()).isZero();
    Document filtered = Jsoup.parse(planted.out());
    List<Element> all = filtered.select("div.failure");
    assertThat(all)
        .allSatisfy(
            c ->
                assertThat(c.hasAttr("hidden"))
                    .as(c.id())
                    .isEqualTo(
                        !(c.attr("data-kind").equals("planted bug")
                            && c.attr("data-search").contains(set.toLowerCase()))));
    assertThat(all.stream().filter(c -> !c.hasAttr("hidden"))).isNotEmpty();
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result run(Path chromium, Path profile, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(chromium.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish in 120 s: " + command);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Lines where the page itself went wrong: console messages (the report's script logs nothing, so
   * any is an error) and failed loads. Chromium's complaints about the machine (no D-Bus, no GPU)
   * are not.
   */
  static List<String> errors(String log) {
    return log.lines()
        .filter(l -> l.contains("CONSOLE") || l.contains("net::ERR_") || l.contains("Uncaught"))
        .toList();
  }

  private static Path chromium() {
    Optional<Path> found =
        Optional.ofNullable(System.getProperty("walkspec.chromium"))
            .map(Path::of)
            .or(() -> onPath("chromium"))
            .or(() -> onPath("chromium-browser"));
    if (found.isEmpty()) {
      String why = "no chromium on PATH (Debian: apt-get install chromium; .ci/run does)";
      if (System.getenv(REQUIRE_CHROMIUM) != null) {
        fail(why + ", and " + REQUIRE_CHROMIUM + " is set");
      }
      Assumptions.abort(why);
    }
    return found.get();
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
