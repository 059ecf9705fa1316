package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.pipeline.BundledSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * expected-outcomes.tsv speaks for the bundled spec files only: a user's spec that shares a bundled
 * spec's file name (and so its column name) does not inherit its reviewed failures.
 */
class ExpectedOutcomesForRunTest {
  @Test
  void the_bundled_kvm_walk_has_its_reviewed_failures() {
    List<Matrix.NamedSpec> specs = BundledRun.specs(List.of(Path.of("kvm.walk")));

    ExpectedOutcomes expected = ExpectedOutcomes.bundled().forRun(specs);

    assertThat(specs.get(0).name()).isEqualTo("kvm");
    assertThat(expected.expected("TdpTestAgeClears", "kvm", List.of("kvm")).getKey())
        .containsExactly("H11");
  }

  @Test
  void a_users_kvm_walk_has_none(@TempDir Path dir) throws Exception {
    Path mine = Files.copy(BundledSpecs.file("kvm.walk"), dir.resolve("kvm.walk"));
    List<Matrix.NamedSpec> specs = BundledRun.specs(List.of(mine));

    ExpectedOutcomes expected = ExpectedOutcomes.bundled().forRun(specs);

    assertThat(specs.get(0).name()).isEqualTo("kvm");
    assertThat(expected.expected("TdpTestAgeClears", "kvm", List.of("kvm")).getKey()).isEmpty();
    assertThat(expected.reason("TdpTestAgeClears", "kvm", List.of("kvm"))).isEmpty();
  }
}
