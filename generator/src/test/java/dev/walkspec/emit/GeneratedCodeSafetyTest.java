package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.DiagnosticCode;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What a spec author writes reaches Java only as JavaPoet {@code $N}/{@code $S}/{@code $T}
 * arguments, validated names, or comment text made safe: hostile strings, Java keywords, names that
 * camel-case alike and odd spec file names either give code that compiles without a warning and
 * means what the spec says (the generated walker suites pass against the reference semantics), or
 * are rejected with a diagnostic.
 */
class GeneratedCodeSafetyTest {
  @TempDir Path work;

  /** Everything a comment or Javadoc can be broken with, as a walk string literal. */
  static final String HOSTILE =
      "\"*/ class Evil {} /* \\\\u000a class Evil2 {} \\\\ \\\" $ $L $S"
          + " {@code x} <b>é 日本</b>\\n@deprecated for removal\\n */\"";

  @Test
  void hostile_doc_strings_stay_comment_text_and_compile_without_warnings() throws IOException {
    Path spec = copyBundled();
    Path variant =
        write(
            spec.resolveSibling("hostile.walk"),
            "import \"kvm.walk\";\n"
                + "refine handler age -> bool "
                + HOSTILE
                + ";\n"
                + "refine operation C4 { "
                + HOSTILE
                + "; }\n"
                + "refine obligation H9 coverage "
                + HOSTILE
                + ";\n"
                + "refine obligation H11 result_meaning "
                + HOSTILE
                + ";\n");
    CheckedSpec checked = check(variant);
    Generator generator =
        new Generator(
            checked,
            new GeneratorOptions(
                GeneratorOptions.DEFAULT_PACKAGE,
                Set.of("C4"),
                Set.of("x86"),
                Map.of("age", "dev.walkspec.pipeline.handlers.GoodAge"),
                variant.toString()));
    List<GeneratedFile> sources = new ArrayList<>(generator.walkers());
    sources.addAll(generator.walkerSuites());
    sources.addAll(generator.handlerSuites());
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work.resolve("out"));
    assertThat(compiled.problems()).isEmpty();
    try (Stream<Path> classes = Files.walk(compiled.classes())) {
      assertThat(classes.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("Evil"));
    }
    String api = content(sources, "ClearYoungWalker.java");
    String walker = content(sources, "ClearYoungX86Walker.java");
    String suite = content(sources, "ClearYoungX86GoodAgeTest.java");
    // The doc is there, as text: terminators, escapes and tags neutralized, the rest verbatim.
    for (String javadoc : List.of(walker, suite)) {
      assertThat(javadoc)
          .contains("*&#47; class Evil {} /* &#92;u000a class Evil2 {} &#92; \" $ $L $S")
          .contains("{&#64;code x} <b>é 日本</b>")
          .contains("&#64;deprecated for removal")
          .doesNotContain("@deprecated")
          .doesNotContain("$$");
    }
    assertThat(api).doesNotContain("Evil {}");
  }

  @Test
  void java_keywords_and_colliding_names_compile_and_mean_what_the_spec_says() throws Exception {
    Path spec = write(work.resolve("spec/public.walk"), KEYWORDS);
    CheckOutcome outcome = new Pipeline(new SpecLoader(work, List.of())).check(spec);
    assertThat(outcome.diagnostics()).isEmpty();
    Generator generator =
        new Generator(
            outcome.checked(),
            new GeneratorOptions(
                "dev.walkspec.generated", Set.of(), Set.of("native"), Map.of(), spec.toString()));
    assertThat(generator.packageName()).isEqualTo("dev.walkspec.generated.public_");
    List<GeneratedFile> sources = new ArrayList<>(generator.walkers());
    List<GeneratedFile> suites = generator.walkerSuites();
    sources.addAll(suites);
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work.resolve("out"));
    assertThat(compiled.problems()).isEmpty();
    // Operations labelled 'class' and 'Class' get distinct classes; display names keep the labels.
    assertThat(sources)
        .extracting(GeneratedFile::relativePath)
        .contains(
            "dev/walkspec/generated/public_/ClassNativeWalker.java",
            "dev/walkspec/generated/public_/ClassNativeWalker_.java");
    String suite = content(suites, "EnumNativeWalkerTest.java");
    assertThat(suite)
        .contains("@DisplayName(\"enum[native] W1-W13 on the exhaustive small scope\")")
        .contains("\"C2\"");
    // The folded constants: C2 on native is lockless (int is selected) and never flushes.
    String walker = content(sources, "EnumNativeWalker.java");
    assertThat(walker).contains("// (no lock here)").contains("// (never here)");
    // The meaning: the specialized walkers against the reference semantics of their spec (the
    // generic walker's suite, over every flag combination, compiles above but takes a minute).
    List<String> classes =
        suites.stream()
            .filter(f -> !f.relativePath().contains("/Generic"))
            .map(f -> f.relativePath().replace('/', '.').replaceAll("\\.java$", ""))
            .toList();
    TestExecutionSummary summary = SuiteRunner.run(compiled.classes(), classes);
    assertThat(summary.getFailures()).isEmpty();
    assertThat(summary.getTestsSucceededCount()).isGreaterThan(50);
  }

  static final String KEYWORDS =
      """
      // Java keywords (and names that camel-case alike) wherever the language takes a name.
      config int: bool = true;
      config long: bool = false;
      handler default -> bool "d";
      callback this "t";
      walker switch {
        inputs start, end: hva; new: word;
        flags lockless, class, return, var, mayBlock, may_block;
        callbacks static?, final?;
        guard W1a empty when end <= start;
        guard W1b none when !static && !final;
        guard W1c lo when lockless && final;
        section W2 srcu around walk;
        visit W3 address_spaces;
        visit W4 slots overlapping [start, end - 1];
        clip W5 hva to slot;
        range W6 gfn = round_out;
        lock W7 mmu write on first_hit unless lockless, then final;
        null_handler W8 jump unlock;
        result W9 ret = or(static);
        flush W10 when (return || class) && ret, before unlock;
        unlock W11 mmu when found_memslot && !lockless;
        return W12 ret, found_memslot;
        pass W13 may_block, lockless, new;
      }
      operation C1 class(start, end: hva) = switch {
        static = default; final = this; return = true; class = false; lockless = false;
        mayBlock = param; may_block = int;
      }
      operation C2 enum(start, end: hva) = switch {
        static = default; return = long; class = long; lockless = int; mayBlock = param;
        may_block = param; new = start; var = long;
      }
      operation C3 Class(start, end: hva) = switch { static = null; final = this; }
      profile native { selects int; mmu_lock = rwlock; address_spaces = 2; }
      profile goto { }
      """;

  @Test
  void non_ascii_names_are_rejected_with_a_diagnostic_at_the_name() throws IOException {
    Path spec =
        write(
            work.resolve("ascii.walk"),
            KEYWORDS
                .replace("flags lockless,", "flags café, lockless,")
                .replace("config long", "config ñ"));
    CheckOutcome outcome = new Pipeline(new SpecLoader(work, List.of())).check(spec);
    assertThat(outcome.hasErrors()).isTrue();
    assertThat(outcome.diagnostics())
        .allSatisfy(d -> assertThat(d.code()).isEqualTo(DiagnosticCode.WS003))
        .extracting(d -> d.pos().line() + ":" + d.pos().column() + " " + d.message())
        .containsExactly("3:8 unexpected character 'ñ'", "8:12 unexpected character 'é'");
  }

  @Test
  void odd_spec_file_names_give_a_valid_package_and_safe_comments() throws IOException {
    for (String name :
        List.of(
            "we ird\\u000aclass Evil {}.walk",
            "*\\u002a-é.walk",
            "1 2 3.walk",
            "_.walk",
            "import.walk",
            "$L.walk")) {
      Path spec = work.resolve("names").resolve(name);
      Files.createDirectories(spec.getParent());
      Files.copy(BundledSpecs.file("kvm.walk"), spec);
      Generator generator =
          new Generator(
              check(spec),
              new GeneratorOptions(
                  "dev.walkspec.generated",
                  Set.of("C4"),
                  Set.of("x86"),
                  Map.of(),
                  spec.toString()));
      assertThat(JavaPackages.isValid(generator.packageName())).as(name).isTrue();
      List<GeneratedFile> sources = new ArrayList<>(generator.walkers());
      sources.addAll(generator.walkerSuites());
      SourceCompiler.Result compiled =
          SourceCompiler.compile(sources, work.resolve("out-" + sources.hashCode()));
      assertThat(compiled.problems()).as(name).isEmpty();
      try (Stream<Path> classes = Files.walk(compiled.classes())) {
        assertThat(classes.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.startsWith("Evil"));
      }
      Files.delete(spec);
    }
  }

  @Test
  void comment_text_is_neutralized() {
    assertThat(Comments.safe("a */ b \\u000a c @d $e \u0007 f\ng"))
        .isEqualTo("a *&#47; b &#92;u000a c &#64;d $e   f\ng");
  }

  @Test
  void java_names_are_valid_identifiers_whatever_the_spec_name() {
    for (String name : List.of("class", "var", "_", "1a", "", "a-b", "é", "goto", "record")) {
      String upper = JavaNames.upperCamel(name);
      String lower = JavaNames.lowerCamel(name);
      String segment = JavaNames.packageSegment(name);
      for (String java : List.of(upper, lower, segment)) {
        assertThat(javax.lang.model.SourceVersion.isName(java)).as("%s -> %s", name, java).isTrue();
        assertThat(java).as(name).matches("[A-Za-z_][A-Za-z0-9_]*");
      }
    }
  }

  @Test
  void generated_paths_cannot_leave_the_output_directory() {
    for (String bad :
        List.of(
            "../Evil.java",
            "a/../../Evil.java",
            "/tmp/Evil.java",
            "a/./b.java",
            "a\\..\\b.java",
            "C:Evil.java",
            "")) {
      assertThatThrownBy(() -> OutputDirectory.safePath(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the output directory");
    }
    assertThat(OutputDirectory.safePath("dev/walkspec/A.java"))
        .isEqualTo(Path.of("dev/walkspec/A.java"));
  }

  private Path copyBundled() throws IOException {
    Path copy = work.resolve("spec/kvm.walk");
    Files.createDirectories(copy.getParent());
    Files.copy(BundledSpecs.file("kvm.walk"), copy);
    return copy;
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private CheckedSpec check(Path spec) {
    CheckOutcome outcome = new Pipeline(new SpecLoader(work, List.of())).check(spec);
    assertThat(outcome.hasErrors()).as("%s", outcome.diagnostics()).isFalse();
    return outcome.checked();
  }

  private static String content(List<GeneratedFile> files, String suffix) {
    return files.stream()
        .filter(f -> f.relativePath().endsWith("/" + suffix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + suffix))
        .content();
  }
}
