package dev.walkspec.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.diag.DiagnosticsTable;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Keeps docs/language.md true: its diagnostics table is the one {@link DiagnosticsTable} generates
 * from the enum, and its examples check clean. A {@code ```walk} block says what it is:
 *
 * <ul>
 *   <li>{@code walk file}: a whole spec (imports find the bundled specs);
 *   <li>{@code walk with-kvm}: declarations added to a spec that imports {@code kvm.walk};
 *   <li>{@code walk in-walker}: the body of {@code refine walker hva_range { ... }} in such a spec;
 *   <li>{@code walk fragment}: a sketch with placeholders, not checked.
 * </ul>
 *
 * Checked blocks must produce no diagnostic at all. Run with {@code -Dwalkspec.updateDocs=true} to
 * rewrite the generated table in place.
 */
class LanguageDocTest {
  static final String UPDATE_PROPERTY = "walkspec.updateDocs";
  static final String BEGIN =
      "<!-- BEGIN GENERATED: diagnostics (from DiagnosticCode; do not edit by hand) -->";
  static final String END = "<!-- END GENERATED: diagnostics -->";
  static final String REGENERATE =
      "./mvnw -q -pl generator -am test -Dtest=LanguageDocTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -D"
          + UPDATE_PROPERTY
          + "=true";

  private static final Pattern FENCE = Pattern.compile("^```walk(?:\\s+(\\S+))?\\s*$");
  private static final Set<String> MODES = Set.of("file", "with-kvm", "in-walker", "fragment");

  /** A ```walk block: its mode, where it starts in the document, its text. */
  record Block(String mode, int line, String text) {
    @Override
    public String toString() {
      return "docs/language.md:" + line + " (" + mode + ")";
    }
  }

  /** The document, found from the generator module (Maven runs tests there) or above. */
  static Path document() {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    for (Path at = dir.toAbsolutePath(); at != null; at = at.getParent()) {
      Path doc = at.resolve("docs/language.md");
      if (Files.isRegularFile(doc)) {
        return doc;
      }
    }
    throw new IllegalStateException("no docs/language.md above " + dir.toAbsolutePath());
  }

  static List<Block> blocks() throws IOException {
    List<String> lines = Files.readAllLines(document(), StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        continue;
      }
      int start = i + 1;
      StringBuilder text = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
        text.append(lines.get(i)).append('\n');
      }
      blocks.add(new Block(fence.group(1) == null ? "" : fence.group(1), start, text.toString()));
    }
    return blocks;
  }

  static Stream<Block> checkedBlocks() throws IOException {
    return blocks().stream().filter(b -> !b.mode().equals("fragment"));
  }

  @Test
  void diagnosticsTableIsGeneratedFromTheEnum() throws IOException {
    Path doc = document();
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("%s marker in %s", BEGIN, doc).isNotNegative();
    assertThat(end).as("%s marker in %s", END, doc).isGreaterThan(begin);
    String current = text.substring(begin + BEGIN.length() + 1, end);
    String generated = DiagnosticsTable.markdown();
    if (Boolean.getBoolean(UPDATE_PROPERTY) && !current.equals(generated)) {
      Files.writeString(
          doc,
          text.substring(0, begin + BEGIN.length() + 1) + generated + text.substring(end),
          StandardCharsets.UTF_8);
      System.err.println("LanguageDocTest: rewrote the diagnostics table in " + doc);
      return;
    }
    assertThat(current)
        .as(
            "the diagnostics table in docs/language.md differs from DiagnosticCode;"
                + " regenerate it with: %s",
            REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everyWalkBlockSaysWhatItIs() throws IOException {
    List<Block> blocks = blocks();
    assertThat(blocks).extracting(Block::mode).allMatch(MODES::contains, "one of " + MODES);
    assertThat(blocks.stream().filter(b -> b.mode().equals("file")).count())
        .isGreaterThanOrEqualTo(3);
  }

  /** One checked example at least for every rule kind, so none loses its example. */
  @Test
  void everyRuleKindHasACheckedExample() throws IOException {
    String checked = checkedBlocks().map(Block::text).collect(Collectors.joining("\n"));
    for (String rule :
        List.of(
            "guard",
            "section",
            "visit W3 address_spaces",
            "visit W4 slots overlapping",
            "clip",
            "range",
            "lock",
            "null_handler W8 jump unlock",
            "null_handler W8 break slots",
            "result",
            "int_or",
            "stop when",
            "flush",
            "before unlock",
            "after unlock",
            "unlock",
            "return",
            "pass",
            "on walk_start",
            "on first_hit",
            "import",
            "refine",
            "drop flag",
            "param",
            "= null",
            "abstract profile",
            "extends",
            "selects",
            "cites",
            "depends on")) {
      assertThat(checked)
          .as("a checked example using `%s`", rule)
          .containsPattern("(?m)(^|\\s)" + Pattern.quote(rule) + "\\b");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checkedBlocks")
  void exampleChecksClean(Block block, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("example.walk");
    Files.writeString(file, spec(block), StandardCharsets.UTF_8);

    CheckOutcome outcome =
        new Pipeline(new SpecLoader(dir, List.of(BundledSpecs.directory()))).check(file);

    assertThat(outcome.diagnostics())
        .as(
            "the example at %s, as checked:%n%s%n%s",
            block,
            spec(block),
            new DiagnosticPrinter(outcome.sources()).text(outcome.diagnostics()))
        .isEmpty();
  }

  /** The spec a block stands for. */
  private static String spec(Block block) {
    switch (block.mode()) {
      case "file":
        return block.text();
      case "with-kvm":
        return "import \"kvm.walk\";\n" + block.text();
      case "in-walker":
        return "import \"kvm.walk\";\nrefine walker hva_range {\n" + block.text() + "}\n";
      default:
        throw new IllegalArgumentException("not a checked block: " + block);
    }
  }
}
