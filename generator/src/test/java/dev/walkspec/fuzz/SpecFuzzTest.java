package dev.walkspec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.parse.WalkLexer;
import dev.walkspec.pipeline.CheckOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Fuzzing of the front end (parser, assembler, checker): random bytes, random token sequences from
 * the grammar's vocabulary, token- and line-level mutations of the bundled specs, every truncation
 * of a small spec, and deep or long inputs. Each input goes through {@link FuzzHarness}, which
 * asserts that only diagnostics come out, well formed and inside the input. The tries are sized for
 * the normal build; {@code -Dwalkspec.fuzz.factor=100} runs each property 100 times longer (see
 * docs/hardening.md).
 */
@AddLifecycleHook(FuzzTries.class)
class SpecFuzzTest {
  static final List<String> BUNDLED =
      List.of(
          "kvm.walk",
          "v1-v5.13-generic-walk.walk",
          "v2-null-handler-break.walk",
          "v3-v6.12-no-elide.walk",
          "v4-v6.14-locked-aging.walk",
          "v6-stop-on-young.walk",
          "v7-int-results.walk",
          "v8-gmem-private-filter.walk",
          "hypo-aging-read-lock.walk",
          "hypo-flush-after-unlock.walk",
          "hypo-lockless-everywhere.walk");

  /** A small complete spec (the language guide's first example), truncated at every position. */
  static final String SMALL =
      "// A walk that visits the slots overlapping [start, end) and ORs the handler results.\n"
          + "handler age -> bool \"true: some mapping in the range was young\";\n\n"
          + "walker hva_range {\n"
          + "  inputs start, end: hva;\n"
          + "  callbacks handler;\n"
          + "  visit W3 address_spaces;\n"
          + "  visit W4 slots overlapping [start, end - 1];\n"
          + "  clip W5 hva to slot;\n"
          + "  range W6 gfn = round_out;\n"
          + "  result W9 ret = or(handler);\n"
          + "  return W12 ret;\n"
          + "}\n\n"
          + "operation C4 clear_young(start, end: hva) = hva_range {\n"
          + "  handler = age;\n"
          + "}\n\n"
          + "profile riscv { }\n";

  // ---- random bytes ----

  @Property(tries = 5000)
  void random_bytes(@ForAll("bytes") byte[] bytes) {
    FuzzHarness.check("random bytes", bytes);
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    // Mostly printable ASCII and UTF-8 lead/continuation bytes, so the lexer gets past the start.
    Arbitrary<byte[]> texty =
        Arbitraries.oneOf(
                Arbitraries.bytes().between((byte) 32, (byte) 126),
                Arbitraries.of((byte) '\n', (byte) '\r', (byte) '\t', (byte) '"', (byte) '\\'),
                Arbitraries.of((byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x80, (byte) 0xFF))
            .array(byte[].class)
            .ofMaxSize(400);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, any), net.jqwik.api.Tuple.of(3, texty));
  }

  // ---- random token sequences ----

  @Property(tries = 8000)
  void random_token_sequences(@ForAll("tokenSequences") String text) {
    FuzzHarness.checkText("token sequences", text);
  }

  @Provide
  Arbitrary<String> tokenSequences() {
    List<String> vocabulary = new ArrayList<>();
    for (int type = 1; type <= WalkLexer.VOCABULARY.getMaxTokenType(); type++) {
      String literal = WalkLexer.VOCABULARY.getLiteralName(type);
      if (literal != null) {
        vocabulary.add(literal.substring(1, literal.length() - 1));
      }
    }
    // Names and values the specs use, so that some sequences get past name resolution.
    vocabulary.addAll(
        List.of(
            "hva_range",
            "start",
            "end",
            "handler",
            "on_lock",
            "lockless",
            "may_block",
            "age",
            "unmap",
            "x86",
            "linux",
            "W1a",
            "W7",
            "C1",
            "H1",
            "KVM_MMU_LOCKLESS_AGING",
            "mmu",
            "write",
            "read",
            "spin",
            "round_out",
            "or",
            "int_or",
            "bool",
            "int",
            "hva",
            "word",
            "srcu",
            "first_hit",
            "walk_start",
            "0",
            "1",
            "4096",
            "0x1000",
            "99999999999999999999",
            "\"doc\"",
            "\"kvm.walk\"",
            "\"\"",
            "\"\\u000a */ \\\"\"",
            "// c\n",
            "/* c */",
            "\n",
            "@",
            "#",
            "é",
            "\"open",
            "/* open"));
    Arbitrary<String> token = Arbitraries.of(vocabulary);
    Arbitrary<String> gap = Arbitraries.of(" ", " ", " ", "\n", "");
    return Combinators.combine(token, gap)
        .as((t, g) -> t + g)
        .list()
        .ofMaxSize(120)
        .map(parts -> String.join("", parts));
  }

  // ---- mutations of the bundled specs ----

  /** One edit of a bundled spec: delete, duplicate or swap a token or a line. */
  record Mutation(String spec, boolean lines, int kind, int first, int second) {}

  @Property(tries = 8000)
  void mutated_bundled_specs(@ForAll("mutations") Mutation mutation) {
    FuzzHarness.checkText("mutated specs", apply(mutation));
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            Arbitraries.of(BUNDLED),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 100_000),
            Arbitraries.integers().between(0, 100_000))
        .as(Mutation::new);
  }

  static String apply(Mutation m) {
    String text = FuzzHarness.bundled(m.spec());
    List<String> parts = m.lines() ? lines(text) : tokens(text);
    if (parts.isEmpty()) {
      return text;
    }
    int a = m.first() % parts.size();
    int b = m.second() % parts.size();
    switch (m.kind()) {
      case 0 -> parts.remove(a);
      case 1 -> parts.add(a, parts.get(a));
      default -> {
        String t = parts.get(a);
        parts.set(a, parts.get(b));
        parts.set(b, t);
      }
    }
    return String.join("", parts);
  }

  /** The text as lines, each with its line end, so joining them gives the text back. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** The visible tokens, each with the hidden text (spaces, comments) after it. */
  static List<String> tokens(String text) {
    WalkLexer lexer = new WalkLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      if (t.getChannel() != Token.DEFAULT_CHANNEL) {
        current.append(t.getText());
        continue;
      }
      if (current.length() > 0) {
        out.add(current.toString());
      }
      current.setLength(0);
      current.append(t.getText());
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  @Example
  void mutations_give_back_the_text_when_nothing_changes() {
    for (String spec : BUNDLED) {
      String text = FuzzHarness.bundled(spec);
      assertThat(String.join("", tokens(text))).isEqualTo(text);
      assertThat(String.join("", lines(text))).isEqualTo(text);
      // The unmutated specs check without errors: the harness itself does not fail good input.
      assertThat(FuzzHarness.checkText("bundled specs", text).hasErrors()).as(spec).isFalse();
    }
  }

  // ---- truncations ----

  @Example
  void every_truncation_of_a_small_spec() {
    assertThat(FuzzHarness.checkText("truncations", SMALL).diagnostics()).isEmpty();
    int walkerStart = SMALL.indexOf("walker");
    int walkerEnd = SMALL.indexOf("}\n");
    for (int end = 0; end < SMALL.length(); end++) {
      CheckOutcome outcome = FuzzHarness.checkText("truncations", SMALL.substring(0, end));
      // A cut inside the walker leaves an incomplete declaration: always an error.
      if (end > walkerStart && end <= walkerEnd) {
        assertThat(outcome.hasErrors()).as("cut at %d", end).isTrue();
      }
    }
  }

  @Example
  void every_truncation_of_every_line_of_the_canonical_spec() {
    String text = FuzzHarness.bundled("kvm.walk");
    int lineStart = 0;
    while (lineStart < text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      lineEnd = lineEnd < 0 ? text.length() : lineEnd;
      // Cut at the line's start, middle and end.
      for (int cut : new int[] {lineStart, (lineStart + lineEnd) / 2, lineEnd}) {
        FuzzHarness.checkText("truncations", text.substring(0, cut));
      }
      lineStart = lineEnd + 1;
    }
  }

  // ---- deep and long inputs ----

  static final String WALKER =
      "handler age;\n"
          + "walker w {\n"
          + "  inputs start, end: hva;\n"
          + "  callbacks handler;\n"
          + "  visit W3 address_spaces;\n"
          + "  visit W4 slots overlapping [start, end - 1];\n"
          + "  clip W5 hva to slot;\n"
          + "  range W6 gfn = round_out;\n"
          + "  result W9 ret = or(handler);\n"
          + "  return W12 ret;\n"
          + "}\n"
          + "operation C1 op(start, end: hva) = w { handler = age; }\n";

  @Example
  void deep_and_long_inputs() {
    Map<String, String> inputs = new TreeMap<>();
    inputs.put("parentheses 100k", "config A: bool = " + "(".repeat(100_000) + "true;");
    inputs.put("negations 100k", "config A: bool = " + "!".repeat(100_000) + "true;");
    inputs.put("minus 100k", "config A: int = " + "- ".repeat(100_000) + "1;");
    inputs.put(
        "conditional 300",
        "config A: bool = " + "true ? ".repeat(300) + "true" + " : false".repeat(300) + ";");
    inputs.put("and chain 199 x 2000", ("config A: bool = " + "true && ".repeat(199) + "true;\n"));
    inputs.put("braces 100k", "walker w " + "{".repeat(100_000));
    inputs.put("brackets 100k", WALKER + "[".repeat(100_000));
    inputs.put("one line of 1M names", "config " + "a ".repeat(500_000));
    inputs.put("string of 1M", "handler age \"" + "x".repeat(1_000_000) + "\";");
    inputs.put("comment of 1M", "/*" + "*".repeat(1_000_000) + "*/ handler age;");
    inputs.put("unterminated comment 1M", "handler age; /*" + "/*".repeat(500_000));
    inputs.put("100k lines", "\n".repeat(100_000) + "handler age;");
    inputs.put("100k CR lines", "\r".repeat(100_000) + "handler age; @");
    StringBuilder declarations = new StringBuilder(WALKER);
    for (int i = 0; i < 20_000; i++) {
      declarations.append("config K").append(i).append(": bool;\n");
    }
    inputs.put("20k options", declarations.toString());
    StringBuilder guards = new StringBuilder(WALKER.replace("return W12 ret;", "return W12 ret;"));
    for (int i = 0; i < 3000; i++) {
      guards.insert(guards.indexOf("return W12"), "guard G" + i + " g when start == " + i + ";\n");
    }
    inputs.put("3000 guards", guards.toString());
    inputs.put(
        "profile chain 20k",
        chain("profile p%d extends p%d { }\n", 20_000) + "profile p20000 { }\n" + WALKER);
    inputs.put(
        "config chain 20k", chain("config A%d: bool = A%d;\n", 20_000) + "config A20000: bool;\n");
    inputs.put(
        "dependency chain 20k",
        chain("config A%d: bool, depends on A%d;\n", 20_000) + "config A20000: bool;\n");
    inputs.put(
        "profile cycle 20k",
        chain("profile p%d extends p%d { }\n", 20_000)
            + "profile p20000 extends p0 { }\n"
            + WALKER);
    inputs.put(
        "config cycle 20k",
        chain("config A%d: bool = A%d;\n", 20_000) + "config A20000: bool = A0;\n");
    inputs.put("config diamond 60", diamonds(60));
    inputs.put("20k profiles", chain("profile q%d { }\n", 20_000) + WALKER);
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      CheckOutcome outcome = FuzzHarness.checkText("deep and long", input.getValue());
      assertThat(outcome.diagnostics()).as(input.getKey()).isNotNull();
    }
  }

  /** {@code format} with (i, i + 1) for i in [0, n). */
  static String chain(String format, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(String.format(format, i, i + 1));
    }
    return out.toString();
  }

  /** Options that each read the next two: 2^n paths, one cycle-free graph. */
  static String diamonds(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(String.format("config A%d: bool = A%d && B%d;\n", i, i + 1, i + 1));
      out.append(String.format("config B%d: bool = A%d || B%d;\n", i, i + 1, i + 1));
    }
    out.append(String.format("config A%d: bool;\nconfig B%d: bool;\n", n, n));
    return out.toString();
  }

  @Example
  void a_long_import_chain_is_refused_not_followed_to_a_stack_overflow() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("walkspec-imports-");
    int files = 5000;
    for (int i = 0; i < files; i++) {
      java.nio.file.Files.writeString(
          dir.resolve("f" + i + ".walk"),
          "import \"f" + (i + 1) + ".walk\";\nconfig X" + i + ": bool;\n",
          StandardCharsets.UTF_8);
    }
    java.nio.file.Files.writeString(dir.resolve("f" + files + ".walk"), "config Y: bool;\n");
    CheckOutcome outcome = FuzzHarness.run(dir.resolve("f0.walk"));
    FuzzHarness.assertWellFormed(outcome, "f0.walk");
    assertThat(outcome.diagnostics())
        .anySatisfy(d -> assertThat(d.code()).isEqualTo(DiagnosticCode.WS011));
    FuzzHarness.COUNTS
        .computeIfAbsent("deep and long", k -> new java.util.concurrent.atomic.AtomicLong())
        .incrementAndGet();
  }

  @AfterContainer
  static void report() {
    StringBuilder out = new StringBuilder("walkspec fuzz: inputs run per kind:");
    new TreeMap<>(FuzzHarness.COUNTS)
        .forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
    System.out.println(out);
  }
}
