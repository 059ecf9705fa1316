package dev.walkspec.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed scenarios are refused with a message naming the key; good ones round-trip. */
class ScenarioJsonTest {
  private static final String GOOD =
      "{\"id\":\"s\",\"arch\":\"x86\",\"operation\":\"C1\",\"inputs\":{\"may_block\":true},"
          + "\"range\":{\"start\":1,\"end\":9},\"address_spaces\":[{\"slots\":[{\"id\":1,\"base_gfn\":0,"
          + "\"npages\":2,\"userspace_addr\":0}]}],\"handler_results\":[true,-1]}";

  @Test
  void a_scenario_survives_a_round_trip() {
    Scenario s = ScenarioJson.read(GOOD, "x");
    assertThat(ScenarioJson.read(ScenarioJson.write(s), "y")).isEqualTo(s);
    assertThat(s.handlerResults()).containsExactly(1L, -1L);
  }

  /**
   * The harness writes scenarios without Jackson (ScenarioJsonWriter): its text is the compact JSON
   * Jackson writes for the same tree, and an id with quotes, backslashes and control characters
   * reads back unchanged with the strict reader.
   */
  @Test
  void the_writer_without_jackson_writes_what_jackson_reads_back_the_same() throws Exception {
    Scenario s = ScenarioJson.read(GOOD, "x");
    String written = ScenarioJsonWriter.write(s);
    assertThat(new ObjectMapper().readTree(written).toString()).isEqualTo(written);
    Scenario odd =
        new Scenario(
            "a \"quoted\" \\ id\n\t\u0001 \u00e9",
            s.arch(),
            Map.of("KVM_X", true, "KVM_A", false),
            Optional.empty(),
            Map.of("may_block", false),
            false,
            true,
            s.start(),
            s.end(),
            s.addressSpaces(),
            s.handlerResults());
    String text = ScenarioJsonWriter.write(odd);
    assertThat(new ObjectMapper().readTree(text).toString()).isEqualTo(text);
    assertThat(ScenarioJson.read(text, "y")).isEqualTo(odd);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"arch\":\"x86\",\"range\":{\"start\":1,\"end\":2}} | a scenario needs \"operation\" or \"inputs\"",
        "{\"arch\":\"x86\",\"operation\":\"C1\"} | range: missing",
        "{\"arch\":\"x86\",\"operation\":\"C1\",\"range\":{\"start\":-1,\"end\":2}} | range.start: expected an integer >= 0, got -1",
        "{\"arch\":\"x86\",\"operation\":\"C1\",\"range\":{\"start\":1,\"end\":2},\"colour\":1} | colour: unknown key; expected one of [address_spaces, arch, config, gmem, handler_results, id, inputs, operation, range]",
        "{\"arch\":7,\"operation\":\"C1\",\"range\":{\"start\":1,\"end\":2}} | arch: expected a string",
        "{\"arch\":\"x86\",\"inputs\":{\"lockless\":1},\"range\":{\"start\":1,\"end\":2}} | inputs.lockless: expected true or false",
        "{\"arch\":\"x86\",\"operation\":\"C1\",\"range\":{\"start\":1,\"end\":2},\"address_spaces\":[{\"slots\":[{\"id\":1,\"base_gfn\":0,\"npages\":0,\"userspace_addr\":0}]}]} | address_spaces[0].slots[0].npages: expected an integer >= 1, got 0",
        "{\"arch\":\"x86\",\"operation\":\"C1\",\"range\":{\"start\":1,\"end\":2},\"handler_results\":[\"yes\"]} | handler_results[0]: expected true, false or an integer",
        "[1,2] | a scenario is a JSON object",
      })
  void malformed_scenarios_name_the_key(String json, String message) {
    assertThatThrownBy(() -> ScenarioJson.read(json, "t"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage(message);
  }

  @Test
  void broken_json_says_where() {
    assertThatThrownBy(() -> ScenarioJson.read("{\"arch\": }", "t"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("not valid JSON: ")
        .hasMessageContaining("(column ");
  }

  @Test
  void slots_that_KVM_would_refuse_are_refused() {
    String overlapping =
        GOOD.replace(
            "[{\"id\":1,\"base_gfn\":0,\"npages\":2,\"userspace_addr\":0}]",
            "[{\"id\":1,\"base_gfn\":0,\"npages\":2,\"userspace_addr\":0},{\"id\":2,\"base_gfn\":1,\"npages\":1,\"userspace_addr\":4096}]");
    assertThatThrownBy(
            () ->
                new Interpreter(Specs.bundled("kvm.walk")).run(ScenarioJson.read(overlapping, "t")))
        .hasMessage("address_spaces[0]: slots 1 and 2 overlap in gfn space");
    String unaligned = GOOD.replace("\"userspace_addr\":0", "\"userspace_addr\":100");
    assertThatThrownBy(
            () -> new Interpreter(Specs.bundled("kvm.walk")).run(ScenarioJson.read(unaligned, "t")))
        .hasMessage(
            "address_spaces[0].slots (id 1): userspace_addr 100 is not page aligned (4096)");
  }
}
