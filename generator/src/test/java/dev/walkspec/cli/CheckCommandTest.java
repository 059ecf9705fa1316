package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code walkspec check} run in-process on broken input: every problem is a diagnostic with {@code
 * file:line:col} and a WS code and exit code 1, usage mistakes exit 2, and nothing ever shows a
 * Java stack trace.
 */
class CheckCommandTest {
  private static final Pattern DIAGNOSTIC =
      Pattern.compile("(?m)^\\S+\\.walk:\\d+:\\d+: (error|warning): WS\\d{3} \\S.*$");

  @TempDir Path dir;

  /** What one run printed, and its exit code. */
  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return file;
  }

  private Path write(String name, String content) throws IOException {
    return write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertNoStackTrace(Run run) {
    assertThat(run.all()).doesNotContain("at dev.walkspec").doesNotContain("Exception");
  }

  /** A spec that fails in a given way: exit 1, a positioned diagnostic with the expected code. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage          | @#$%^ &*( ~~~                      | WS003 | 1:1",
        "unterminated     | config A: bool = true, \"no end;  | WS002 | 1:24",
        "unknown keyword  | configure A: bool;                 | WS005 | 1:1",
        "missing import   | import \"nowhere.walk\";           | WS009 | 1:8",
        "syntax           | config A: bool = ;                 | WS001 | 1:18",
        "unknown name     | config A: bool = B;                | WS101 | 1:18",
      })
  void brokenSpecIsADiagnostic(String what, String text, String code, String position)
      throws IOException {
    Path file = write("broken.walk", text + "\n");

    Run run = run("check", file.toString());

    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.out()).containsPattern(DIAGNOSTIC).contains(":" + position + ": error: " + code);
    assertNoStackTrace(run);
  }

  @Test
  void emptyFile() throws IOException {
    Path file = write("empty.walk", "");

    Run run = run("check", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern(DIAGNOSTIC).contains("empty.walk:1:1: error: WS008");
    assertNoStackTrace(run);
  }

  @Test
  void binaryFile() throws IOException {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Path file = write("binary.walk", bytes);

    Run run = run("check", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(DIAGNOSTIC)
        .contains("binary.walk:1:1: error: WS007 ")
        .contains("NUL byte at offset 0");
    assertNoStackTrace(run);
  }

  @Test
  void invalidUtf8() throws IOException {
    Path file = write("latin1.walk", new byte[] {'c', 'o', 'n', 'f', (byte) 0xe9, '\n'});

    Run run = run("check", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("latin1.walk:1:1: error: WS007 ").contains("not valid UTF-8");
    assertNoStackTrace(run);
  }

  @Test
  void missingFileIsADiagnostic() {
    Run run = run("check", dir.resolve("missing.walk").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern(DIAGNOSTIC).contains("missing.walk:1:1: error: WS006");
    assertNoStackTrace(run);
  }

  @Test
  void directoryIsADiagnostic() {
    Run run = run("check", dir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(":1:1: error: WS006 ").contains("it is a directory");
    assertNoStackTrace(run);
  }

  @Test
  void deepNestingIsADiagnosticNotAStackOverflow() throws IOException {
    String deep = "(".repeat(100_000) + "true" + ")".repeat(100_000);
    Path file = write("deep.walk", "config A: bool = " + deep + ";\n");

    Run run = run("check", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("deep.walk:1:218: error: WS011 ");
    assertNoStackTrace(run);
  }

  @Test
  void textOutputIsExactlyHeadlineExcerptCaretAndSummary() throws IOException {
    Path file =
        write(
            "typo.walk",
            "config KVM_MMU_LOCKLESS_AGING: bool = false;\n"
                + "config KVM_AGING_LOCKED: bool = !KVM_MMU_LOCKLES_AGING;\n");

    Run run = run("check", file.toString());

    assertThat(run.out())
        .isEqualTo(
            file
                + ":2:34: error: WS101 unknown config option 'KVM_MMU_LOCKLES_AGING'; did you mean"
                + " 'KVM_MMU_LOCKLESS_AGING'?\n"
                + "    config KVM_AGING_LOCKED: bool = !KVM_MMU_LOCKLES_AGING;\n"
                + "                                     ^~~~~~~~~~~~~~~~~~~~~\n"
                + "1 file checked: 1 error, 0 warnings\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void cleanSpecExitsZeroAndSaysSo() throws IOException {
    Path file = write("ok.walk", "config A: bool = false;\n");

    Run run = run("check", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("1 file checked: 0 errors, 0 warnings\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void warningsFailOnlyWithWerror() throws IOException {
    String spec =
        "handler age -> bool;\n"
            + "walker w {\n"
            + "  inputs start, end: hva;\n"
            + "  flags unused;\n"
            + "  callbacks handler;\n"
            + "  visit W3 address_spaces;\n"
            + "  visit W4 slots overlapping [start, end - 1];\n"
            + "  clip W5 hva to slot;\n"
            + "  range W6 gfn = round_out;\n"
            + "  result W9 ret = or(handler);\n"
            + "  return W12 ret;\n"
            + "}\n";
    Path file = write("warn.walk", spec);

    Run plain = run("check", file.toString());
    Run strict = run("check", "--werror", file.toString());

    assertThat(plain.exit()).isZero();
    assertThat(plain.out()).contains("warn.walk:4:9: warning: WS301 ");
    assertThat(strict.exit()).isEqualTo(1);
  }

  @Test
  void severalFilesAreAllReportedAndCounted() throws IOException {
    Path a = write("a.walk", "config A: bool = ;\n");
    Path b = write("b.walk", "config B: bool = false;\n");
    Path c = write("c.walk", "confg C: bool;\n");

    Run run = run("check", a.toString(), b.toString(), c.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("a.walk:1:18: error: WS001")
        .contains("c.walk:1:1: error: WS005")
        .endsWith("3 files checked: 2 errors, 0 warnings\n");
  }

  @Test
  void importPathIsSearched() throws IOException {
    write("lib/kconfig.walk", "config A: bool = false;\n");
    Path main = write("main.walk", "import \"kconfig.walk\";\nconfig B: bool = A;\n");

    Run without = run("check", main.toString());
    Run with = run("check", "-I", dir.resolve("lib").toString(), main.toString());

    assertThat(without.exit()).isEqualTo(1);
    assertThat(without.out()).contains("main.walk:1:8: error: WS009");
    assertThat(with.exit()).as(with.all()).isZero();
  }

  @Test
  void jsonFormatIsMachineReadable() throws IOException {
    Path file = write("bad.walk", "config A: bool = B;\n");

    Run run = run("check", "--format", "json", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("[ {")
        .contains("\"line\" : 1")
        .contains("\"column\" : 18")
        .contains("\"code\" : \"WS101\"")
        .doesNotContain("checked:");
  }

  // ---- usage ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "walkspec {0}")
  @ValueSource(
      strings = {
        "check", // no file
        "check --format xml x.walk",
        "check --no-such-option x.walk",
        "frobnicate x.walk",
        "", // no subcommand
      })
  void usageErrorsExitTwo(String commandLine) {
    String[] args = commandLine.isEmpty() ? new String[0] : commandLine.split(" ");

    Run run = run(args);

    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).startsWith("walkspec: ").contains("--help");
    assertThat(run.out()).isEmpty();
    assertNoStackTrace(run);
  }

  @ParameterizedTest(name = "walkspec {0}")
  @ValueSource(strings = {"--help", "check --help", "help check", "help"})
  void helpExitsZeroWithAnExample(String commandLine) {
    Run run = run(commandLine.split(" "));

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("Usage: walkspec")
        .contains("Example")
        .contains("walkspec check");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void versionExitsZero() {
    Run run = run("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("walkspec ");
  }
}
