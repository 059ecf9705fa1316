package dev.walkspec.diag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact text and JSON forms of diagnostics. */
class DiagnosticPrinterTest {
  private static final SourceFile SPEC =
      new SourceFile(
          "spec/kvm.walk",
          "walker hva_range {\n"
              + "  guard W1c lockless_on_lock when lokless && on_lock;\n"
              + "\tlock W7 mmu write on first_hit\n"
              + "\n"
              + "  result W9 ret = or(handler); \u0007\n");
  private static final DiagnosticPrinter PRINTER =
      new DiagnosticPrinter(Map.of("spec/kvm.walk", SPEC));

  private static Pos at(int line, int column, int length) {
    return new Pos("spec/kvm.walk", line, column, length);
  }

  @Test
  void headlineExcerptAndCaretUnderTheWholeName() {
    Diagnostic d =
        Diagnostic.of(
            DiagnosticCode.WS101, at(2, 35, 7), "name", "lokless", "; did you mean 'lockless'?");

    assertThat(PRINTER.text(d))
        .isEqualTo(
            "spec/kvm.walk:2:35: error: WS101 unknown name 'lokless'; did you mean 'lockless'?\n"
                + "      guard W1c lockless_on_lock when lokless && on_lock;\n"
                + "                                      ^~~~~~~\n");
  }

  @Test
  void aTabBeforeTheColumnIsKeptSoTheCaretLinesUp() {
    Diagnostic d = Diagnostic.of(DiagnosticCode.WS107, at(3, 10, 3), "mmu", "lock", "mmu");

    assertThat(PRINTER.text(d))
        .isEqualTo(
            "spec/kvm.walk:3:10: error: WS107 'mmu' is not a lock; expected one of: mmu\n"
                + "    \tlock W7 mmu write on first_hit\n"
                + "    \t        ^~~\n");
  }

  @Test
  void aPositionJustPastTheEndOfTheLineGetsACaretThere() {
    Diagnostic d = Diagnostic.of(DiagnosticCode.WS001, at(3, 32, 1), "expected ';'");

    assertThat(PRINTER.text(d))
        .isEqualTo(
            "spec/kvm.walk:3:32: error: WS001 syntax error: expected ';'\n"
                + "    \tlock W7 mmu write on first_hit\n"
                + "    \t                              ^\n");
  }

  @Test
  void theCaretStopsAtTheEndOfTheLine() {
    Diagnostic d = Diagnostic.of(DiagnosticCode.WS004, at(3, 23, 500));

    assertThat(PRINTER.text(d))
        .isEqualTo(
            "spec/kvm.walk:3:23: error: WS004 unterminated comment\n"
                + "    \tlock W7 mmu write on first_hit\n"
                + "    \t                     ^~~~~~~~~\n"); // 9 = what is left of the line
  }

  @Test
  void controlCharactersAreShownAsQuestionMarks() {
    Diagnostic d = Diagnostic.of(DiagnosticCode.WS003, at(5, 32, 1), "character '\\u0007'");

    assertThat(PRINTER.text(d))
        .isEqualTo(
            "spec/kvm.walk:5:32: error: WS003 unexpected character '\\u0007'\n"
                + "      result W9 ret = or(handler); ?\n"
                + "                                   ^\n");
  }

  @Test
  void noExcerptForABlankLineOrAnUnknownFile() {
    Diagnostic blank = Diagnostic.of(DiagnosticCode.WS001, at(4, 1, 1), "expected '}'");
    Diagnostic elsewhere =
        Diagnostic.of(DiagnosticCode.WS006, Pos.startOf("gone.walk"), "gone.walk", "no such file");

    assertThat(PRINTER.text(List.of(blank, elsewhere)))
        .isEqualTo(
            "spec/kvm.walk:4:1: error: WS001 syntax error: expected '}'\n"
                + "gone.walk:1:1: error: WS006 cannot read gone.walk: no such file\n");
  }

  @Test
  void warningsSayWarning() {
    Diagnostic d =
        Diagnostic.of(DiagnosticCode.WS305, at(1, 8, 9), "W1d", "its condition never holds");

    assertThat(d.headline())
        .isEqualTo(
            "spec/kvm.walk:1:8: warning: WS305 rule W1d can never apply: its condition never holds");
  }

  @Test
  void jsonHasOneObjectPerDiagnosticWithPositionAndCode() throws Exception {
    List<Diagnostic> diagnostics =
        List.of(
            Diagnostic.of(DiagnosticCode.WS101, at(2, 35, 7), "name", "lokless", ""),
            Diagnostic.of(DiagnosticCode.WS301, at(1, 8, 6), "shared"));

    String json = PRINTER.json(diagnostics);

    assertThat(json)
        .isEqualTo(
            "[ {\n"
                + "  \"file\" : \"spec/kvm.walk\",\n"
                + "  \"line\" : 2,\n"
                + "  \"column\" : 35,\n"
                + "  \"length\" : 7,\n"
                + "  \"severity\" : \"error\",\n"
                + "  \"code\" : \"WS101\",\n"
                + "  \"message\" : \"unknown name 'lokless'\"\n"
                + "}, {\n"
                + "  \"file\" : \"spec/kvm.walk\",\n"
                + "  \"line\" : 1,\n"
                + "  \"column\" : 8,\n"
                + "  \"length\" : 6,\n"
                + "  \"severity\" : \"warning\",\n"
                + "  \"code\" : \"WS301\",\n"
                + "  \"message\" : \"flag 'shared' is used but never set by any operation\"\n"
                + "} ]\n");
    JsonNode parsed = new ObjectMapper().readTree(json);
    assertThat(parsed.size()).isEqualTo(2);
    assertThat(parsed.get(1).get("code").asText()).isEqualTo("WS301");
  }

  @Test
  void jsonEscapesQuotesBackslashesAndControlCharacters() throws Exception {
    Diagnostic d = Diagnostic.of(DiagnosticCode.WS009, at(1, 8, 5), "a\"b\\c\td.walk", "spec");

    JsonNode parsed = new ObjectMapper().readTree(PRINTER.json(List.of(d)));

    assertThat(parsed.get(0).get("message").asText())
        .isEqualTo("import \"a\"b\\c\td.walk\" not found (looked in spec)");
  }

  @Test
  void noDiagnosticsIsAnEmptyJsonArray() {
    assertThat(PRINTER.json(List.of())).isEqualTo("[ ]\n");
    assertThat(PRINTER.text(List.of())).isEmpty();
  }

  @Test
  void everyTemplateTakesAsManyArgumentsAsItHasPlaceholders() {
    for (DiagnosticCode code : DiagnosticCode.values()) {
      int placeholders = code.template().split("%s", -1).length - 1;
      Object[] args = new Object[placeholders];
      java.util.Arrays.fill(args, "x");
      assertThat(code.format(args)).as("%s", code).doesNotContain("%");
      assertThat(code.documentation()).as("%s documentation", code).isNotBlank().endsWith(".");
    }
  }
}
