package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Generated code compiles without a single warning and passes its own suites: for the canonical
 * spec, every specialized walker and the generic walker are checked against the reference semantics
 * on the exhaustive small scope and on random large layouts.
 */
class GeneratedCodeTest {
  @TempDir Path work;

  @Test
  void canonical_spec_walkers_compile_cleanly_and_pass_their_suites() throws Exception {
    CheckedSpec spec = bundled("kvm.walk");
    Generator generator =
        new Generator(spec, GeneratorOptions.defaults(BundledSpecs.file("kvm.walk").toString()));
    List<GeneratedFile> sources = new ArrayList<>(generator.walkers());
    List<GeneratedFile> suites = generator.walkerSuites();
    sources.addAll(suites);
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work);
    assertThat(compiled.problems()).isEmpty();
    long began = System.nanoTime();
    TestExecutionSummary summary = SuiteRunner.run(compiled.classes(), classNames(suites));
    summary.printFailuresTo(new PrintWriter(System.out), 5);
    System.out.printf(
        "kvm.walk suites: %d tests, %d failed, %d scenarios checked, in %.1f s%n",
        summary.getTestsFoundCount(),
        summary.getTotalFailureCount(),
        dev.walkspec.suite.WalkerSuite.scenariosChecked(),
        (System.nanoTime() - began) / 1e9);
    assertThat(summary.getTotalFailureCount()).isZero();
    assertThat(summary.getTestsSucceededCount()).isGreaterThan(100);
  }

  static List<String> classNames(List<GeneratedFile> files) {
    return files.stream()
        .map(f -> f.relativePath().replace('/', '.').replaceAll("\\.java$", ""))
        .toList();
  }

  static CheckedSpec bundled(String name) {
    CheckOutcome outcome =
        new Pipeline(new SpecLoader(BundledSpecs.directory(), List.of()))
            .check(BundledSpecs.file(name));
    assertThat(outcome.diagnostics()).isEmpty();
    return outcome.checked();
  }
}
