package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code walkspec conform} on the command line: usage errors, JSON output, the files it writes. */
class ConformCommandTest {
  record Run(int code, String out, String err) {}

  static Run conform(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "conform";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void an_unknown_handler_set_is_a_usage_error_naming_the_ones_there_are(@TempDir Path dir) {
    Run run = conform("--handlers", "x86,x86-tpd", "-o", dir.toString());

    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "walkspec: no handler set named 'x86-tpd' (there are: x86, arm64,"
                + " riscv, loongarch, s390, LoongarchRcuAging, TdpAgePlainStore,")
        .doesNotContain("--debug")
        .doesNotContain("at dev.walkspec");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void a_spec_with_errors_is_one_sentence(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.walk");
    Files.writeString(bad, "walker {\n");
    Run run = conform("--handlers", "x86", "-o", dir.resolve("report").toString(), bad.toString());

    assertThat(run.code()).isEqualTo(Main.FINDINGS);
    assertThat(run.err().lines().findFirst().orElseThrow())
        .matches(
            "walkspec: "
                + java.util.regex.Pattern.quote(bad.toString())
                + ":1:\\d+: error: WS\\d+ .*; walkspec check "
                + java.util.regex.Pattern.quote(bad.toString())
                + " shows them");
    assertThat(run.err()).doesNotContain("at dev.walkspec");
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test
  void json_gives_every_cell_with_its_status_and_failures(@TempDir Path dir) throws Exception {
    Path kvm = BundledRun.specs(java.util.List.of()).get(0).file();
    Run run =
        conform(
            "--format",
            "json",
            "--handlers",
            "x86,TdpTestAgeClears",
            "-o",
            dir.toString(),
            kvm.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("specs").toString()).isEqualTo("[\"kvm\"]");
    assertThat(json.get("handlers").toString()).isEqualTo("[\"x86\",\"TdpTestAgeClears\"]");
    assertThat(json.get("asExpected").asBoolean()).isTrue();
    JsonNode cells = json.get("cells");
    assertThat(cells).hasSize(2);
    assertThat(cells.get(0).get("status").asText()).isEqualTo("pass");
    assertThat(cells.get(0).get("failed")).isEmpty();
    JsonNode bad = cells.get(1);
    assertThat(bad.get("handler").asText()).isEqualTo("TdpTestAgeClears");
    assertThat(bad.get("status").asText()).isEqualTo("expected");
    assertThat(bad.get("failed").toString()).isEqualTo(bad.get("expected").toString());
    assertThat(bad.get("failures").get(0).get("report").asText()).startsWith("walkspec");
    assertThat(dir.resolve("report.html")).exists();
    assertThat(dir.resolve("junit.xml")).exists();
    assertThat(dir.resolve("summary.md")).exists();
  }
}
