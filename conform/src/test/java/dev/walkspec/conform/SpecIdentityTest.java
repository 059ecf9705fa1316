package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.pipeline.BundledSpecs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A cache key names a bundled spec by its file name: run from the jar, each JVM extracts the
 * bundled specs to a new temporary directory, and a key with that path made every rerun of {@code
 * ./walkspec conform} miss the whole cache (issue 19: nothing unchanged is redone).
 */
class SpecIdentityTest {
  @Test
  void a_bundled_spec_is_named_by_its_file_name_wherever_it_was_extracted() {
    assertThat(Matrix.identity(BundledSpecs.file("kvm.walk"))).isEqualTo("kvm.walk");
  }

  @Test
  void a_users_spec_is_named_by_its_absolute_path() {
    Path mine = Path.of("specs", "kvm.walk");

    assertThat(Matrix.identity(mine)).isEqualTo(mine.toAbsolutePath().toString());
  }
}
