package dev.walkspec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.Expectations.Expected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixture suite: every spec under src/test/resources/fixtures goes through the real pipeline
 * (load, assemble, check) and must report exactly the diagnostics its {@code // expect:} markers
 * list (see {@link Expectations}): no extra one, no missing one, each at its line and column. Good
 * fixtures, the shared library they import, and the bundled specs of the walkspec-spec jar must
 * report nothing. Every diagnostic must also render as {@code file:line:col: severity: WSnnn ...}
 * with a caret under its column.
 */
class FixtureTest {
  /** Fewer bad fixtures than this means some were lost. */
  private static final int MIN_BAD_FIXTURES = 45;

  /** Codes no spec can produce; each is explained in fixtures/README.md (none at present). */
  private static final Set<DiagnosticCode> UNPRODUCIBLE = EnumSet.noneOf(DiagnosticCode.class);

  /**
   * Codes the fixtures cannot hold, tested by a method of this class instead: WS006 is about a root
   * file that does not exist or is a directory (imports of missing files are WS009).
   */
  private static final Set<DiagnosticCode> TESTED_HERE = EnumSet.of(DiagnosticCode.WS006);

  private static final Pattern HEADLINE =
      Pattern.compile("(\\S+):(\\d+):(\\d+): (error|warning): (WS\\d{3}) (\\S.*)");

  static Stream<String> badFixtures() {
    return Fixtures.under("bad").stream();
  }

  static Stream<String> goodFixtures() {
    List<String> good = new ArrayList<>(Fixtures.under("good"));
    good.addAll(Fixtures.under("lib"));
    return good.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFixtures")
  void badFixtureReportsExactlyItsMarkers(String fixture) {
    List<Expected> expected = expected(fixture);
    assertThat(expected).as("%s has no // expect: marker", fixture).isNotEmpty();
    assertReportsExactly(fixture, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFixtures")
  void goodFixtureIsClean(String fixture) {
    assertThat(expected(fixture)).as("a good fixture has no markers").isEmpty();
    assertReportsExactly(fixture, List.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundledSpecs")
  void bundledSpecIsClean(Path spec) {
    CheckOutcome outcome = new Pipeline(new SpecLoader(spec.getParent(), List.of())).check(spec);
    assertThat(outcome.diagnostics())
        .as("%s", new DiagnosticPrinter(outcome.sources()).text(outcome.diagnostics()))
        .isEmpty();
    assertThat(outcome.spec()).isPresent();
  }

  @Test
  void thereAreEnoughBadFixtures() {
    assertThat(badFixtures().count()).isGreaterThanOrEqualTo(MIN_BAD_FIXTURES);
  }

  @Test
  void everyProducibleCodeHasAFixture() {
    Set<DiagnosticCode> covered = EnumSet.copyOf(TESTED_HERE);
    badFixtures()
        .flatMap(f -> expected(f).stream())
        .forEach(e -> covered.add(DiagnosticCode.valueOf(e.code())));
    Set<DiagnosticCode> missing = EnumSet.allOf(DiagnosticCode.class);
    missing.removeAll(covered);
    missing.removeAll(UNPRODUCIBLE);
    assertThat(missing).as("codes without a bad fixture").isEmpty();
    UNPRODUCIBLE.forEach(
        code ->
            assertThat(covered)
                .as("%s is listed as unproducible but produced", code)
                .doesNotContain(code));
  }

  /** WS006: a root file that does not exist, or is a directory, is reported at its 1:1. */
  @Test
  void unreadableRootFileIsReportedAtItsStart(@TempDir Path dir) throws IOException {
    Files.createDirectory(dir.resolve("dir.walk"));
    Pipeline pipeline = new Pipeline(new SpecLoader(dir, List.of()));

    CheckOutcome missing = pipeline.check(dir.resolve("missing.walk"));
    CheckOutcome directory = pipeline.check(dir.resolve("dir.walk"));

    assertThat(headlines(missing))
        .containsExactly("missing.walk:1:1: error: WS006 cannot read missing.walk: no such file");
    assertThat(headlines(directory))
        .containsExactly("dir.walk:1:1: error: WS006 cannot read dir.walk: it is a directory");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static List<String> headlines(CheckOutcome outcome) {
    return outcome.diagnostics().stream().map(Diagnostic::headline).toList();
  }

  private static List<Expected> expected(String fixture) {
    List<Expected> expected = new ArrayList<>();
    for (Path file : Fixtures.files(fixture)) {
      expected.addAll(Expectations.of(file, Fixtures.root()));
    }
    expected.sort(null);
    return expected;
  }

  private static void assertReportsExactly(String fixture, List<Expected> expected) {
    Path root = Fixtures.root();
    CheckOutcome outcome =
        new Pipeline(new SpecLoader(root, List.of())).check(Fixtures.rootFile(fixture));
    DiagnosticPrinter printer = new DiagnosticPrinter(outcome.sources());
    String rendered = printer.text(outcome.diagnostics());
    List<Expected> actual =
        outcome.diagnostics().stream()
            .map(
                d ->
                    new Expected(d.pos().file(), d.pos().line(), d.pos().column(), d.code().name()))
            .sorted()
            .toList();
    assertThat(actual)
        .as(
            "diagnostics of %s (expected %s), as reported:%n%s",
            fixture, expected, rendered.isEmpty() ? "(none)\n" : rendered)
        .containsExactlyElementsOf(expected);
    outcome.diagnostics().forEach(d -> assertRendersWell(d, printer, outcome.sources()));
    assertThat(outcome.spec().isPresent())
        .as("a checked spec only without errors")
        .isEqualTo(!outcome.hasErrors());
  }

  /**
   * The headline is {@code file:line:col: severity: WSnnn message} with the diagnostic's own
   * position and severity and a filled-in message; when the line is known, the excerpt follows with
   * a caret under the column.
   */
  private static void assertRendersWell(
      Diagnostic d,
      DiagnosticPrinter printer,
      java.util.Map<String, dev.walkspec.diag.SourceFile> sources) {
    String[] lines = printer.text(d).split("\n", -1);
    Matcher headline = HEADLINE.matcher(lines[0]);
    assertThat(headline.matches()).as("headline %s", lines[0]).isTrue();
    assertThat(headline.group(1)).isEqualTo(d.pos().file());
    assertThat(Integer.parseInt(headline.group(2))).isEqualTo(d.pos().line());
    assertThat(Integer.parseInt(headline.group(3))).isEqualTo(d.pos().column());
    assertThat(headline.group(4)).isEqualTo(d.code().severity().label());
    assertThat(headline.group(5)).isEqualTo(d.code().name());
    assertThat(headline.group(6)).doesNotContain("%s").doesNotContain("%d");
    if (lines.length > 2) {
      String excerpt = lines[1];
      String caret = lines[2];
      assertThat(excerpt).startsWith("    ");
      String line = sources.get(d.pos().file()).line(d.pos().line());
      if (!excerpt.startsWith("    ...")) {
        int expectedColumn = Math.min(d.pos().column() - 1, excerpt.length() - 4);
        assertThat(caret.indexOf('^')).as("caret of %s", lines[0]).isEqualTo(4 + expectedColumn);
      } else if (d.pos().column() <= line.length()) {
        // A long line is shown as a window: the caret stands under the same character.
        assertThat(excerpt.charAt(caret.indexOf('^')))
            .as("caret of %s", lines[0])
            .isEqualTo(line.charAt(d.pos().column() - 1));
      }
      assertThat(caret.substring(caret.indexOf('^'))).matches("\\^~*");
    }
  }

  // ---- the bundled specs ----------------------------------------------------------------------

  /** The .walk files of the walkspec-spec jar ("walkspec/" on the class path). */
  static Stream<Path> bundledSpecs() {
    List<Path> specs = BundledSpecs.files();
    assertThat(specs.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
        .contains("kvm.walk")
        .hasSizeGreaterThanOrEqualTo(10);
    return specs.stream();
  }
}
