package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** A generated handler suite passes a correct handler and names the obligation a bad one breaks. */
class HandlerSuitesTest {
  @TempDir java.nio.file.Path work;

  @Test
  void a_correct_age_handler_passes_and_one_that_ages_only_range_start_fails_H9() throws Exception {
    assertThat(run("dev.walkspec.emit.handlers.RangeAge").getTotalFailureCount()).isZero();
    TestExecutionSummary bad = run("dev.walkspec.emit.handlers.StartOnlyAge");
    List<String> failed =
        bad.getFailures().stream()
            .map(f -> f.getTestIdentifier().getDisplayName())
            .collect(Collectors.toList());
    assertThat(failed).contains("clear_young[x86] StartOnlyAge H9 coverage");
    assertThat(failed).allMatch(name -> name.contains(" H9 ") || name.contains(" H11 "));
    assertThat(bad.getFailures().get(0).getException())
        .hasMessageContaining("H")
        .hasMessageContaining("StartOnlyAge");
  }

  private TestExecutionSummary run(String handler) throws Exception {
    CheckedSpec spec = GeneratedCodeTest.bundled("kvm.walk");
    GeneratorOptions options =
        new GeneratorOptions(
            GeneratorOptions.DEFAULT_PACKAGE,
            Set.of("C4"),
            Set.of("x86"),
            Map.of("age", handler),
            BundledSpecs.file("kvm.walk").toString());
    Generator generator = new Generator(spec, options);
    List<GeneratedFile> suites = generator.handlerSuites();
    // The suite and the spec image it reads.
    assertThat(suites).hasSize(2);
    List<GeneratedFile> sources = new java.util.ArrayList<>(generator.walkers());
    sources.addAll(suites);
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work.resolve(handler));
    assertThat(compiled.problems()).isEmpty();
    return SuiteRunner.run(
        compiled.classes(),
        GeneratedCodeTest.classNames(suites).stream()
            .filter(n -> !n.endsWith("SpecImage"))
            .toList());
  }
}
