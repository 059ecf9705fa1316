package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The walker under test is pluggable (system property walkspec.walker.clear_young[x86]): a correct
 * hand-written walker passes the generated suite, one that forgets SRCU fails it naming W2. And the
 * drift lock: a suite whose spec changed since generation fails saying to regenerate.
 */
class PluggedWalkersTest {
  private static final String KEY = "walkspec.walker.clear_young[x86]";

  @TempDir Path work;

  @Test
  void a_hand_written_walker_plugged_into_the_generated_suite() throws Exception {
    Path copy = copyOfCanonicalSpec();
    List<GeneratedFile> suites = generate(copy);
    String api = "dev.walkspec.generated.kvm.ClearYoungWalker";
    List<GeneratedFile> sources = new ArrayList<>(suites);
    sources.add(walker("GoodClearYoung", api, false));
    sources.add(walker("ForgetsSrcu", api, true));
    sources.addAll(generator(copy).walkers());
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work.resolve("c"));
    assertThat(compiled.problems()).isEmpty();
    List<String> classes = List.of("dev.walkspec.generated.kvm.ClearYoungX86WalkerTest");
    try {
      System.setProperty(KEY, "plugged.GoodClearYoung");
      assertThat(SuiteRunner.run(compiled.classes(), classes).getTotalFailureCount()).isZero();
      System.setProperty(KEY, "plugged.ForgetsSrcu");
      TestExecutionSummary bad = SuiteRunner.run(compiled.classes(), classes);
      assertThat(bad.getTotalFailureCount()).isPositive();
      assertThat(bad.getFailures().get(0).getException())
          .hasMessageContaining("walkspec: W2 broken by clear_young[x86]");
    } finally {
      System.clearProperty(KEY);
    }
  }

  @Test
  void a_suite_whose_spec_changed_fails_and_says_to_regenerate() throws Exception {
    Path copy = copyOfCanonicalSpec();
    List<GeneratedFile> sources = new ArrayList<>(generate(copy));
    sources.addAll(generator(copy).walkers());
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work.resolve("d"));
    Files.writeString(copy, Files.readString(copy) + "\n// an edit\n", StandardCharsets.UTF_8);
    TestExecutionSummary summary =
        SuiteRunner.run(
            compiled.classes(), List.of("dev.walkspec.generated.kvm.ClearYoungX86WalkerTest"));
    assertThat(summary.getTotalFailureCount()).isPositive();
    assertThat(summary.getFailures().get(0).getException())
        .hasMessageContaining("changed since this suite was generated")
        .hasMessageContaining("Regenerate the suites");
  }

  private Path copyOfCanonicalSpec() throws Exception {
    Path copy = work.resolve("spec/kvm.walk");
    Files.createDirectories(copy.getParent());
    Files.copy(BundledSpecs.file("kvm.walk"), copy);
    return copy;
  }

  private static Generator generator(Path spec) {
    CheckedSpec checked =
        new dev.walkspec.pipeline.Pipeline(dev.walkspec.parse.SpecLoader.inWorkingDirectory())
            .check(spec)
            .checked();
    return new Generator(
        checked,
        new GeneratorOptions(
            GeneratorOptions.DEFAULT_PACKAGE,
            Set.of("C4"),
            Set.of("x86"),
            Map.of(),
            spec.toAbsolutePath().toString()));
  }

  private static List<GeneratedFile> generate(Path spec) {
    return generator(spec).walkerSuites().stream()
        .filter(
            f ->
                f.relativePath().endsWith("ClearYoungX86WalkerTest.java")
                    || f.relativePath().endsWith("KvmSpecImage.java"))
        .toList();
  }

  /** A subclass of the hand-written walker that implements the generated interface. */
  private static GeneratedFile walker(String name, String api, boolean skipSrcu) {
    String source =
        "package plugged;\n"
            + "public final class "
            + name
            + " extends dev.walkspec.emit.walkers.HandWrittenClearYoung implements "
            + api
            + " {\n"
            + "  public "
            + name
            + "(dev.walkspec.runtime.api.Kvm kvm, dev.walkspec.runtime.api.GfnHandler handler,"
            + " dev.walkspec.runtime.trace.TraceSink trace) {\n"
            + "    super(kvm, handler, trace, "
            + skipSrcu
            + ");\n  }\n}\n";
    return new GeneratedFile("plugged/" + name + ".java", source);
  }
}
