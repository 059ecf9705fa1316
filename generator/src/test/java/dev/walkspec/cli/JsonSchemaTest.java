package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.pipeline.BundledSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key set of each command's --format json, written out by hand: what tools may rely on, in one
 * naming style (snake_case) across commands (issue 18 item 4). A renamed, added or dropped key
 * fails here; conform's schema is in ConformCommandTest.
 */
class JsonSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String kvm() {
    return BundledSpecs.file("kvm.walk").toString();
  }

  private static JsonNode json(String... args) throws Exception {
    CheckCommandTest.Run run = CheckCommandTest.run(args);
    assertThat(run.exit()).as(run.all()).isIn(Main.OK, Main.FINDINGS);
    return JSON.readTree(run.out());
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void check() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.walk"), "config A: bool = B;\n");

    JsonNode diagnostics = json("check", "--format", "json", bad.toString());

    assertThat(diagnostics.isArray()).isTrue();
    assertThat(keys(diagnostics.get(0)))
        .containsExactly("file", "line", "column", "length", "severity", "code", "message");
  }

  @Test
  void generate_java_and_c() throws Exception {
    JsonNode java =
        json("generate", "--format", "json", kvm(), "-o", dir.resolve("java").toString());
    JsonNode c =
        json(
            "generate",
            "--format",
            "json",
            "--lang",
            "c",
            kvm(),
            "-o",
            dir.resolve("c").toString());

    assertThat(keys(java))
        .containsExactly(
            "lang",
            "output",
            "generated",
            "up_to_date",
            "diagnostics",
            "walker_files",
            "suite_files",
            "tests");
    assertThat(keys(c))
        .containsExactly("lang", "output", "generated", "up_to_date", "diagnostics", "files");
  }

  @Test
  void diff_of_the_c_renderings() throws Exception {
    JsonNode diff = json("diff", "--c", "--format", "json", kvm(), kvm());

    assertThat(keys(diff)).containsExactly("a", "b", "diff");
  }

  @Test
  void kernel_check() throws Exception {
    Path out = dir.resolve("c");
    CheckCommandTest.run("generate", "--lang", "c", kvm(), "-o", out.toString());
    Path main = out.resolve("kvm/virt/kvm/kvm_main.c");
    Files.writeString(main, Files.readString(main).replaceFirst("goto mmu_unlock;", "break;"));

    JsonNode report =
        json("kernel-check", "--format", "json", kvm(), "--tree", out.resolve("kvm").toString());

    assertThat(keys(report)).containsExactly("functions", "arches", "findings");
    assertThat(keys(report.get("findings").get(0)))
        .containsExactly("file", "line", "rule", "message");
  }

  @Test
  void trace() throws Exception {
    Path scenario =
        Files.writeString(
            dir.resolve("s.json"),
            "{\"arch\":\"riscv\",\"operation\":\"C1\",\"range\":{\"start\":5,\"end\":5}}");

    JsonNode trace = json("trace", kvm(), "--scenario", scenario.toString(), "--format", "json");

    assertThat(keys(trace)).containsExactly("id", "events", "ret", "found_memslot");
  }

  @Test
  void explore_list_explore_and_replay() throws Exception {
    JsonNode list = json("explore", "--list", "--format", "json");
    JsonNode explored = json("explore", "lost-write-protect", "--format", "json");
    String replay = explored.get("counterexample").get("replay").asText();
    JsonNode replayed = json("replay", replay, "--format", "json");

    assertThat(keys(list.get(0))).containsExactly("name", "description", "actors");
    List<String> result =
        List.of(
            "scenario",
            "strategy",
            "exhausted",
            "stop_reason",
            "schedules",
            "pruned",
            "steps",
            "elapsed_ms",
            "rounds",
            "counterexample");
    assertThat(keys(explored)).containsExactlyElementsOf(result);
    assertThat(keys(replayed)).containsExactlyElementsOf(result);
    assertThat(keys(explored.get("rounds").get(0)))
        .containsExactly("bound", "schedules", "exhausted");
    assertThat(keys(explored.get("counterexample")))
        .containsExactly(
            "obligation",
            "related",
            "rule",
            "message",
            "steps",
            "preemptions",
            "schedules_to_failure",
            "found_by",
            "replay",
            "reproduce",
            "step_table",
            "step_rows",
            "junit",
            "report");
    JsonNode breaking = null;
    for (JsonNode row : explored.get("counterexample").get("step_rows")) {
      if (row.get("breaking").asBoolean()) {
        breaking = row;
      }
    }
    assertThat(breaking).as("the breaking step's row").isNotNull();
    assertThat(keys(breaking))
        .containsExactly(
            "step",
            "last_step",
            "count",
            "kind",
            "actor",
            "actor_name",
            "preemption",
            "breaking",
            "broke",
            "text",
            "call",
            "operation",
            "resumed",
            "target",
            "entry",
            "before",
            "after",
            "blocked_on",
            "notes");
    // lost-write-protect breaks H5 at step 12 with wrprot's plain store (its reviewed fixture).
    assertThat(breaking.get("step").asInt()).isEqualTo(12);
    assertThat(breaking.get("broke").asText()).isEqualTo("H5");
    assertThat(breaking.get("call").asText()).isEqualTo("EntryCursor.store");
    assertThat(breaking.get("operation").asText()).isEqualTo("store");
  }
}
