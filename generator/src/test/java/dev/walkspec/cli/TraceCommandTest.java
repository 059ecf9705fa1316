package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.pipeline.BundledSpecs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** walkspec trace: text and jsonl output, malformed lines named by line and key, exit codes. */
class TraceCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String spec() {
    return BundledSpecs.file("kvm.walk").toString();
  }

  @Test
  void one_scenario_prints_its_trace() throws Exception {
    Path scenario =
        Files.writeString(
            dir.resolve("s.json"),
            "{\"arch\":\"arm64\",\"operation\":\"C4\",\"range\":{\"start\":0,\"end\":4096},"
                + "\"address_spaces\":[{\"slots\":[{\"id\":3,\"base_gfn\":8,\"npages\":1,\"userspace_addr\":0}]}],"
                + "\"handler_results\":[true]}");
    Run run = run("trace", spec(), "--scenario", scenario.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
        SRCU_LOCK
        LOCK write
        CALL as=0 slot=3 gfn=[8,9) -> true
        UNLOCK write
        SRCU_UNLOCK
        RESULT ret=true found_memslot=true
        """);
  }

  @Test
  void jsonl_in_jsonl_out_and_a_bad_line_is_named_without_a_stack_trace() throws Exception {
    Path scenarios =
        Files.writeString(
            dir.resolve("many.jsonl"),
            "{\"id\":\"a\",\"arch\":\"riscv\",\"operation\":\"C1\",\"range\":{\"start\":5,\"end\":5}}\n"
                + "\n"
                + "{\"id\":\"b\",\"arch\":\"riscv\",\"operation\":\"C1\",\"range\":{\"start\":\"x\",\"end\":5}}\n");
    Run run = run("trace", spec(), "--scenarios", scenarios.toString(), "--format", "jsonl");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "{\"id\":\"a\",\"events\":[\"WARN W1a\",\"RESULT ret=false found_memslot=false\"],\"ret\":false,\"found_memslot\":false}\n");
    assertThat(run.err())
        .isEqualTo(scenarios + ":3: range.start: expected an integer >= 0, got \"x\"\n");
  }

  @Test
  void a_spec_with_errors_is_reported_before_any_scenario() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.walk"), "config X = 1;\n");
    Run run = run("trace", bad.toString(), "--scenario", "nothing.json");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("WS203")
        .contains("has errors; fix them first")
        .doesNotContain("Exception");
  }

  @Test
  void a_missing_option_is_a_usage_error() {
    Run run = run("trace", spec());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required").contains("--help");
  }
}
