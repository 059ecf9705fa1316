package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.suite.VerifiedOnce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A generated walker suite that passed runs again only when something that decides its outcome
 * changed: the same classes are reported skipped (but for the drift lock); a changed class file of
 * the suite's package, or -Dwalkspec.rerun=true, runs it again; a record of a failing run is never
 * written.
 */
class VerifiedOnceTest {
  @TempDir Path work;

  @Test
  void aPassedWalkerSuiteRunsAgainOnlyWhenItsClassesChangeOrOnRequest() throws Exception {
    CheckedSpec spec = GeneratedCodeTest.bundled("kvm.walk");
    GeneratorOptions options =
        new GeneratorOptions(
            "dev.walkspec.generated",
            Set.of("C5"),
            Set.of("arm64"),
            java.util.Map.of(),
            BundledSpecs.file("kvm.walk").toString(),
            List.of());
    Generator generator = new Generator(spec, options);
    List<GeneratedFile> sources = new ArrayList<>(generator.walkers());
    List<GeneratedFile> suites = generator.walkerSuites();
    sources.addAll(suites);
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work.resolve("a"));
    // The operation's suite alone (the generic walker's takes longer and adds nothing here).
    List<String> names =
        GeneratedCodeTest.classNames(suites).stream()
            .filter(n -> !n.contains("Generic") && !n.endsWith("SpecImage"))
            .toList();
    assertThat(names).hasSize(1);
    Path verified = work.resolve("verified");

    TestExecutionSummary first = SuiteRunner.run(compiled.classes(), names, verified);
    assertThat(first.getTotalFailureCount()).isZero();
    assertThat(first.getTestsSkippedCount()).isZero();
    long ran = first.getTestsSucceededCount();
    assertThat(ran).isGreaterThan(2);

    TestExecutionSummary second = SuiteRunner.run(compiled.classes(), names, verified);
    assertThat(second.getTotalFailureCount()).isZero();
    assertThat(second.getTestsSucceededCount())
        .as("only the drift lock runs again")
        .isEqualTo(names.size());
    assertThat(second.getTestsSkippedCount() + second.getContainersSkippedCount())
        .as("the rest is reported skipped")
        .isPositive();

    System.setProperty(VerifiedOnce.RERUN, "true");
    try {
      TestExecutionSummary asked = SuiteRunner.run(compiled.classes(), names, verified);
      assertThat(asked.getTestsSucceededCount()).isEqualTo(ran);
    } finally {
      System.clearProperty(VerifiedOnce.RERUN);
    }

    // One more class file in the package (any change of the generated code): a new key.
    Path pkg = compiled.classes().resolve("dev/walkspec/generated/kvm");
    Files.copy(
        pkg.resolve("TestYoungArm64Walker.class"), pkg.resolve("TestYoungArm64Walker2.class"));
    TestExecutionSummary changed = SuiteRunner.run(compiled.classes(), names, verified);
    assertThat(changed.getTestsSucceededCount()).isEqualTo(ran);
  }
}
