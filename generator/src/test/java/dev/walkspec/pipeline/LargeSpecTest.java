package dev.walkspec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.diag.DiagnosticPrinter;
import dev.walkspec.parse.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated 2,000-line spec checks clean, and the checker did its work on it (every operation
 * bound on every concrete profile). No timing is asserted: {@link ParseCheckTiming} measures.
 */
class LargeSpecTest {

  @Test
  void largeSpecChecksClean(@TempDir Path dir) throws IOException {
    String text = LargeSpec.text();
    Path file = dir.resolve("large.walk");
    Files.writeString(file, text, StandardCharsets.UTF_8);

    CheckOutcome outcome = new Pipeline(new SpecLoader(dir, List.of())).check(file);

    assertThat(outcome.diagnostics())
        .as("%s", new DiagnosticPrinter(outcome.sources()).text(outcome.diagnostics()))
        .isEmpty();
    assertThat(text.lines().count()).isBetween(1900L, 2300L);
    assertThat(outcome.checked().profiles()).hasSize(LargeSpec.PROFILES);
    assertThat(outcome.checked().bindings()).hasSize(LargeSpec.PROFILES * LargeSpec.OPERATIONS);
    assertThat(outcome.checked().spec().obligations()).hasSize(LargeSpec.OBLIGATIONS);
  }
}
