package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output is replaced atomically (written to a staging directory beside it, then moved into place):
 * a generation that fails midway leaves the previous output exactly as it was and no staging
 * directory behind; and generation never writes outside its directory nor replaces one that is not
 * its own.
 */
class OutputDirectoryTest {
  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out");
  }

  /** A first, good generation: the output whose survival the tests check. */
  private Map<String, String> previous() throws IOException {
    new OutputDirectory(out())
        .replaceWith(
            List.of(
                new GeneratedFile("p/A.java", "class A {}"),
                new GeneratedFile("p/B.java", "class B {}")),
            "stamp-1");
    return tree(out());
  }

  @Test
  void a_rendering_that_throws_after_some_files_were_written_leaves_the_old_output()
      throws IOException {
    Map<String, String> before = previous();
    // The list renders its files lazily; the third rendering of the write pass throws.
    List<GeneratedFile> failing =
        new AbstractList<>() {
          int rendered;

          @Override
          public GeneratedFile get(int i) {
            if (++rendered > 5 + 2) { // the path check renders all five, the write pass two
              throw new IllegalStateException("emitter failed on file " + i);
            }
            return new GeneratedFile("q/C" + i + ".java", "class C" + i + " {}");
          }

          @Override
          public int size() {
            return 5;
          }
        };
    assertThatThrownBy(() -> new OutputDirectory(out()).replaceWith(failing, "stamp-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("emitter failed");
    assertThat(tree(out())).isEqualTo(before);
    assertThat(new OutputDirectory(out()).isCurrent("stamp-1")).isTrue();
    assertNoStagingLeft();
  }

  @Test
  void a_write_the_file_system_refuses_midway_leaves_the_old_output() throws IOException {
    Map<String, String> before = previous();
    // The second file needs q/A.java to be a directory, but the first made it a file.
    List<GeneratedFile> clash =
        List.of(
            new GeneratedFile("q/A.java", "class A {}"),
            new GeneratedFile("q/A.java/B.java", "class B {}"),
            new GeneratedFile("r/C.java", "class C {}"));
    assertThatThrownBy(() -> new OutputDirectory(out()).replaceWith(clash, "stamp-2"))
        .isInstanceOf(IOException.class);
    assertThat(tree(out())).isEqualTo(before);
    assertNoStagingLeft();
  }

  @Test
  void a_good_generation_replaces_everything_and_removes_what_it_no_longer_makes()
      throws IOException {
    previous();
    new OutputDirectory(out())
        .replaceWith(List.of(new GeneratedFile("p/A.java", "class A { int x; }")), "stamp-2");
    assertThat(tree(out()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("p/A.java", "class A { int x; }", OutputDirectory.STAMP, "stamp-2"));
    assertNoStagingLeft();
  }

  @Test
  void a_path_leaving_the_directory_is_refused_before_anything_is_written() throws IOException {
    Map<String, String> before = previous();
    for (String bad :
        List.of("../Evil.java", "p/../../Evil.java", dir.resolve("Evil.java").toString())) {
      assertThatThrownBy(
              () ->
                  new OutputDirectory(out())
                      .replaceWith(
                          List.of(new GeneratedFile("p/Z.java", "x"), new GeneratedFile(bad, "x")),
                          "stamp-2"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the output directory");
    }
    assertThat(dir.resolve("Evil.java")).doesNotExist();
    assertThat(tree(out())).isEqualTo(before);
    assertNoStagingLeft();
  }

  @Test
  void a_symbolic_link_as_output_directory_is_refused_and_its_target_untouched()
      throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.writeString(real.resolve("keep.txt"), "mine");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertThatThrownBy(
            () ->
                new OutputDirectory(link)
                    .replaceWith(List.of(new GeneratedFile("A.java", "x")), "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("symbolic link");
    assertThat(tree(real)).isEqualTo(Map.of("keep.txt", "mine"));
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void a_file_or_a_directory_of_other_files_is_never_replaced() throws IOException {
    Path file = Files.writeString(dir.resolve("pom.xml"), "<project/>");
    assertThatThrownBy(
            () ->
                new OutputDirectory(file)
                    .replaceWith(List.of(new GeneratedFile("A.java", "x")), "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a file");
    assertThat(file).hasContent("<project/>");
    Path sources = Files.createDirectories(dir.resolve("src"));
    Files.writeString(sources.resolve("Main.java"), "class Main {}");
    assertThatThrownBy(
            () ->
                new OutputDirectory(sources)
                    .replaceWith(List.of(new GeneratedFile("A.java", "x")), "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds files walkspec did not write");
    assertThat(tree(sources)).isEqualTo(Map.of("Main.java", "class Main {}"));
    assertThatThrownBy(
            () ->
                new OutputDirectory(Path.of("/"))
                    .replaceWith(List.of(new GeneratedFile("A.java", "x")), "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file system root");
    // An empty directory is fine, and so is walkspec's own (the stamp says so).
    Path empty = Files.createDirectories(dir.resolve("empty"));
    new OutputDirectory(empty).replaceWith(List.of(new GeneratedFile("A.java", "x")), "s");
    new OutputDirectory(empty).replaceWith(List.of(new GeneratedFile("B.java", "y")), "t");
    assertThat(tree(empty)).isEqualTo(Map.of("B.java", "y", OutputDirectory.STAMP, "t"));
  }

  private void assertNoStagingLeft() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".out.new-") || name.startsWith(".out.old-"));
    }
  }

  /** Every file below a directory, by relative path, with its text. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .filter(Files::isRegularFile)
          .forEach(
              p -> {
                try {
                  files.put(
                      root.relativize(p).toString().replace('\\', '/'),
                      Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return files;
  }
}
