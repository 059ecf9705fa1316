package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.cli.ExploredSuites;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.SourceCompiler;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix makes and compiles each spec's image and walkers once and lets every suite of the spec
 * use them (the image is most of a suite's source text, the walkers most of the rest): the suites
 * then come without an image of their own, name the shared one, and compile against it, and only
 * against it; the walkers two suites drive are one file.
 */
class SharedSpecImageTest {
  private static final String IMAGE_PACKAGE = "dev.walkspec.matrix.shared.s0";

  private static CheckedSpec spec;
  private static String specPath;

  @TempDir Path work;

  @BeforeAll
  static void check() {
    specPath = BundledSpecs.file("kvm.walk").toAbsolutePath().toString();
    spec = Pipeline.standard().check(BundledSpecs.file("kvm.walk")).checked();
  }

  @Test
  void two_suites_of_one_spec_read_one_image_compiled_once() throws Exception {
    GeneratedFile image = ExploredSuites.specImage(spec, specPath, IMAGE_PACKAGE);
    List<GeneratedFile> age = suite("clear_young[x86]", "age", "dev.walkspec.matrix.r0");
    List<GeneratedFile> unmap =
        suite("invalidate_range_start[x86]", "unmap", "dev.walkspec.matrix.r1");

    assertThat(image.relativePath()).isEqualTo("dev/walkspec/matrix/shared/s0/KvmSpecImage.java");
    for (List<GeneratedFile> suite : List.of(age, unmap)) {
      assertThat(suite).noneMatch(f -> f.relativePath().endsWith("SpecImage.java"));
      assertThat(suite.get(0).content()).contains(IMAGE_PACKAGE + ".KvmSpecImage");
      // Only the suite is in its own package; its walkers are the spec's.
      assertThat(suite.subList(1, suite.size()))
          .isNotEmpty()
          .allMatch(f -> f.relativePath().startsWith("dev/walkspec/matrix/shared/s0/"));
    }
    // Both suites end their invalidations (C2) with the same walker: one file, compiled once.
    String end = "dev/walkspec/matrix/shared/s0/InvalidateRangeEndX86Walker.java";
    assertThat(age).filteredOn(f -> f.relativePath().equals(end)).hasSize(1);
    assertThat(unmap).filteredOn(f -> f.relativePath().equals(end)).hasSize(1);
    MatrixSources sources = new MatrixSources();
    sources.addShared(image);
    sources.addSuite(age, IMAGE_PACKAGE);
    sources.addSuite(unmap, IMAGE_PACKAGE);
    assertThat(sources.groups()).allSatisfy(group -> assertThat(group).hasSize(1));
    assertThat(sources.shared()).filteredOn(f -> f.relativePath().equals(end)).hasSize(1);
    SourceCompiler.Result compiled =
        SourceCompiler.compileGroups(sources.shared(), sources.groups(), work, 2);
    assertThat(compiled.problems()).isEmpty();
    assertThat(compiled.classes().resolve("dev/walkspec/matrix/shared/s0/KvmSpecImage.class"))
        .exists();
  }

  @Test
  void two_suites_bringing_different_files_for_one_shared_path_are_an_error() {
    MatrixSources sources = new MatrixSources();
    sources.addShared(new GeneratedFile("p/s0/W.java", "class W {}"));

    assertThatThrownBy(() -> sources.addShared(new GeneratedFile("p/s0/W.java", "class W { }")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two suites of one spec generated different p/s0/W.java");
  }

  @Test
  void without_the_shared_image_the_suites_do_not_compile() throws Exception {
    List<GeneratedFile> age = suite("clear_young[x86]", "age", "dev.walkspec.matrix.r0");

    SourceCompiler.Result compiled = SourceCompiler.compileGroups(List.of(age), work, 1);

    assertThat(compiled.problems()).anyMatch(p -> p.contains("shared.s0"));
  }

  @Test
  void a_suite_made_alone_still_brings_its_own_image_once() {
    List<GeneratedFile> sources =
        ExploredSuites.sources(
            spec,
            specPath,
            ExploredSuites.binding(spec, "clear_young[x86]").orElseThrow(),
            "age",
            handlers(),
            "dev.walkspec.reproduce",
            1,
            "",
            Optional.empty());

    assertThat(sources)
        .filteredOn(f -> f.relativePath().endsWith("SpecImage.java"))
        .extracting(GeneratedFile::relativePath)
        .containsExactly("dev/walkspec/reproduce/kvm/KvmSpecImage.java");
    assertThat(sources.get(0).relativePath()).endsWith("ClearYoungX86X86AgeHandlerTest.java");
  }

  private static List<GeneratedFile> suite(String binding, String kind, String basePackage) {
    return ExploredSuites.sources(
        spec,
        specPath,
        ExploredSuites.binding(spec, binding).orElseThrow(),
        kind,
        handlers(),
        basePackage,
        1,
        "",
        Optional.of(IMAGE_PACKAGE));
  }

  private static ExploredSuites.Handlers handlers() {
    HandlerSet x86 = HandlerSets.X86;
    return new ExploredSuites.Handlers(x86.handlers(), x86.writer(), x86.profiles());
  }
}
