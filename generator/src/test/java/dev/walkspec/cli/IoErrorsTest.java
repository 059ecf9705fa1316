package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.walkspec.pipeline.BundledSpecs;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures say what failed (read or write, which file) and why, in one line. */
class IoErrorsTest {
  @TempDir Path dir;

  @Test
  void generate_into_a_directory_under_a_file_says_it_cannot_write_and_why() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "");
    Path output = file.resolve("walkers");

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "generate", BundledSpecs.file("kvm.walk").toString(), "-o", output.toString());

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("walkspec: cannot write " + file + ": a file is in the way of the directory\n");
  }

  @Test
  void a_missing_file_read() {
    Path missing = dir.resolve("afile");

    Throwable e = catchThrowable(() -> Files.readString(missing));

    assertThat(IoErrors.describe(e)).contains("cannot read " + missing + ": no such file");
  }

  @Test
  void a_missing_file_read_through_an_unchecked_wrapper() {
    Path missing = dir.resolve("afile");

    Throwable e =
        catchThrowable(
            () -> {
              try (var lines = Files.lines(missing)) {
                lines.count();
              } catch (java.io.IOException io) {
                throw new UncheckedIOException(io);
              }
            });

    assertThat(IoErrors.describe(e)).contains("cannot read " + missing + ": no such file");
  }

  @Test
  void a_write_under_a_file_is_a_write_to_something_that_is_not_a_directory() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "");
    Path target = file.resolve("out.txt");

    Throwable e = catchThrowable(() -> Files.writeString(target, "x"));

    assertThat(IoErrors.describe(e)).contains("cannot write " + target + ": not a directory");
  }

  @Test
  void a_wrapper_with_its_own_sentence_keeps_it() {
    Throwable e =
        new IllegalStateException(
            "cannot remove the suite's classes: /x", new java.nio.file.NoSuchFileException("/x"));

    assertThat(IoErrors.describe(e)).isEmpty();
  }
}
