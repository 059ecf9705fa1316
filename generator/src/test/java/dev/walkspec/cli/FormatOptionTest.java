package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.runtime.explore.examples.Catalogue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * --format: every value a command takes is either honoured (json is one document, jsonl one object
 * a line) or refused with a usage error before the command does anything (issue 18 item 4).
 */
class FormatOptionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String kvm() {
    return BundledSpecs.file("kvm.walk").toString();
  }

  @ParameterizedTest(name = "{0} --format jsonl")
  @CsvSource({"generate", "diff", "kernel-check"})
  void a_command_with_one_result_refuses_jsonl_before_it_runs(String command) {
    List<String> args =
        switch (command) {
          case "generate" -> List.of(command, kvm(), "-o", dir.resolve("out").toString());
          case "diff" -> List.of(command, kvm(), kvm());
          default -> List.of(command, kvm(), "--tree", dir.toString());
        };
    String[] all =
        java.util.stream.Stream.concat(
                args.stream(), java.util.stream.Stream.of("--format", "jsonl"))
            .toArray(String[]::new);

    Run run = run(all);

    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("walkspec: " + command + " cannot give --format jsonl; it gives text or json\n");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void check_jsonl_is_one_diagnostic_object_a_line_and_no_summary() throws Exception {
    Path a = Files.writeString(dir.resolve("a.walk"), "config A: bool = ;\n");
    Path c = Files.writeString(dir.resolve("c.walk"), "confg C: bool;\n");

    Run run = run("check", "--format", "jsonl", a.toString(), c.toString());

    assertThat(run.code()).isEqualTo(Main.FINDINGS);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(0)).get("code").asText()).isEqualTo("WS001");
    assertThat(JSON.readTree(lines.get(1)).get("code").asText()).isEqualTo("WS005");
    assertThat(JSON.readTree(lines.get(1)).get("file").asText()).endsWith("c.walk");
  }

  @Test
  void generate_json_says_what_it_wrote() throws Exception {
    Path out = dir.resolve("walkers");

    Run first = run("generate", "--format", "json", kvm(), "-o", out.toString());
    Run second = run("generate", "--format", "json", kvm(), "-o", out.toString());

    assertThat(first.code()).as(first.err()).isZero();
    JsonNode written = JSON.readTree(first.out());
    assertThat(written.get("generated").asBoolean()).isTrue();
    assertThat(written.get("up_to_date").asBoolean()).isFalse();
    assertThat(written.get("walker_files").asInt()).isPositive();
    assertThat(written.get("tests").isNull()).isTrue();
    JsonNode again = JSON.readTree(second.out());
    assertThat(again.get("generated").asBoolean()).isFalse();
    assertThat(again.get("up_to_date").asBoolean()).isTrue();
  }

  @Test
  void trace_json_of_many_scenarios_is_one_array_and_jsonl_one_line_each() throws Exception {
    Path scenarios =
        Files.writeString(
            dir.resolve("many.jsonl"),
            "{\"id\":\"a\",\"arch\":\"riscv\",\"operation\":\"C1\",\"range\":{\"start\":5,\"end\":5}}\n"
                + "{\"id\":\"b\",\"arch\":\"riscv\",\"operation\":\"C1\",\"range\":{\"start\":6,\"end\":6}}\n");

    Run json = run("trace", kvm(), "--scenarios", scenarios.toString(), "--format", "json");
    Run jsonl = run("trace", kvm(), "--scenarios", scenarios.toString(), "--format", "jsonl");

    JsonNode array = JSON.readTree(json.out());
    assertThat(array.isArray()).isTrue();
    assertThat(array.size()).isEqualTo(2);
    assertThat(array.get(1).get("id").asText()).isEqualTo("b");
    assertThat(jsonl.out().lines()).hasSize(2);
    assertThat(JSON.readTree(jsonl.out().lines().toList().get(0))).isEqualTo(array.get(0));
  }

  @Test
  void explore_list_jsonl_is_one_scenario_a_line() throws Exception {
    Run run = run("explore", "--list", "--format", "jsonl");

    assertThat(run.code()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(Catalogue.names().size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(JSON.readTree(lines.get(i)).get("name").asText())
          .isEqualTo(Catalogue.names().get(i));
    }
  }
}
