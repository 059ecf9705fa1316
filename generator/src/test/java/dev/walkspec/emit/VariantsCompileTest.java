package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled spec (the canonical one and each variant: null-handler break, stop on young, int
 * results, read lock, flush after unlock...) generates walkers and suites that compile without a
 * single warning. Running them is the conformance module's job.
 */
class VariantsCompileTest {
  @TempDir Path work;

  static Stream<String> specs() {
    return BundledSpecs.files().stream().map(p -> p.getFileName().toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void generated_sources_compile_without_warnings(String name) throws Exception {
    CheckedSpec spec = GeneratedCodeTest.bundled(name);
    Generator generator = new Generator(spec, GeneratorOptions.defaults("spec/" + name));
    List<GeneratedFile> sources = new ArrayList<>(generator.walkers());
    sources.addAll(generator.walkerSuites());
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work);
    assertThat(compiled.problems()).isEmpty();
    assertThat(sources).hasSizeGreaterThan(10);
  }
}
