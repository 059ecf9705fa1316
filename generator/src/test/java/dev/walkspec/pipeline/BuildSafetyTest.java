package dev.walkspec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neither a spec nor a build parameter makes walkspec write outside its output directories: bad
 * package and handler class names, output directories that are files or hold other files, and
 * symbolic links planted where specs are unpacked are refused in one sentence, with nothing
 * written; the command line refuses the same.
 */
class BuildSafetyTest {
  @TempDir Path dir;

  private BuildRequest request(
      String basePackage, Optional<Path> walkers, Map<String, String> handlers) {
    return new BuildRequest(
        dir,
        List.of(dir.resolve("src/main/walkspec")),
        List.of(),
        dir.resolve("target/walkspec-specs"),
        List.of(),
        walkers,
        Optional.empty(),
        basePackage,
        Set.of(),
        Set.of(),
        handlers,
        List.of());
  }

  private void spec() throws IOException {
    Files.createDirectories(dir.resolve("src/main/walkspec"));
    Files.writeString(dir.resolve("src/main/walkspec/a.walk"), BuildsTest.SPEC);
  }

  @Test
  void package_names_that_are_not_plain_java_are_refused() throws IOException {
    spec();
    for (String bad :
        List.of(
            "../evil",
            "com/example",
            "com.example;import java.io.*",
            "com.example.class",
            "com.exämple",
            "com..example",
            "",
            "com.example.\\u002e")) {
      assertThatThrownBy(
              () -> Builds.generate(request(bad, Optional.of(dir.resolve("out")), Map.of())))
          .as(bad)
          .isInstanceOf(BuildProblem.class)
          .hasMessageContaining("is not a valid Java package name");
    }
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void handler_class_names_that_are_not_plain_java_are_refused() throws IOException {
    spec();
    for (String bad :
        List.of(
            "com.example.Age; System.exit(0)",
            "com.example.Age\"",
            "com.example.Outer$Inner",
            "Age",
            "com.example.new.Age",
            "../Age")) {
      assertThatThrownBy(
              () ->
                  Builds.generate(
                      new BuildRequest(
                          dir,
                          List.of(dir.resolve("src/main/walkspec")),
                          List.of(),
                          dir.resolve("target/walkspec-specs"),
                          List.of(),
                          Optional.empty(),
                          Optional.of(dir.resolve("suites")),
                          "com.example",
                          Set.of(),
                          Set.of(),
                          Map.of("age", bad),
                          List.of())))
          .as(bad)
          .isInstanceOf(BuildProblem.class)
          .hasMessageContaining("is not the fully qualified name of a top-level class");
    }
    assertThat(dir.resolve("suites")).doesNotExist();
  }

  @Test
  void an_output_directory_that_is_a_file_is_refused_and_the_file_kept() throws IOException {
    spec();
    Path pom = Files.writeString(dir.resolve("pom.xml"), "<project/>");
    assertThatThrownBy(() -> Builds.generate(request("com.example", Optional.of(pom), Map.of())))
        .isInstanceOf(BuildProblem.class)
        .hasMessageContaining("is a file");
    assertThat(pom).hasContent("<project/>");
  }

  @Test
  void a_symbolic_link_planted_where_specs_are_unpacked_does_not_redirect_the_write()
      throws IOException {
    Path jar = dir.resolve("spec.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("walkspec/kvm.walk"));
      zip.write(BuildsTest.SPEC.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("walkspec/arch/x86.walk"));
      zip.write(BuildsTest.SPEC.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path unpacked = Files.createDirectories(dir.resolve("unpack/s"));
    // A link as a spec file: replaced by the spec, the file it pointed to untouched.
    Files.createSymbolicLink(unpacked.resolve("kvm.walk"), victim);
    // A link as a directory on the way: refused.
    Files.createSymbolicLink(unpacked.resolve("arch"), elsewhere);
    SpecArchive archive = new SpecArchive("s", "g:s", jar);
    assertThatThrownBy(() -> SpecArchives.unpack(archive, dir.resolve("unpack")))
        .isInstanceOf(BuildProblem.class)
        .hasMessageContaining("symbolic link");
    assertThat(victim).hasContent("keep me");
    assertThat(elsewhere).isEmptyDirectory();
    Files.delete(unpacked.resolve("arch"));
    SpecArchives.unpack(archive, dir.resolve("unpack"));
    assertThat(victim).hasContent("keep me");
    assertThat(Files.isSymbolicLink(unpacked.resolve("kvm.walk"))).isFalse();
    assertThat(unpacked.resolve("kvm.walk")).hasContent(BuildsTest.SPEC);
    // The unpack directory itself a link: refused.
    Path linked = Files.createSymbolicLink(dir.resolve("unpack/t"), elsewhere);
    assertThatThrownBy(
            () -> SpecArchives.unpack(new SpecArchive("t", "g:t", jar), dir.resolve("unpack")))
        .isInstanceOf(BuildProblem.class)
        .hasMessageContaining("symbolic link");
    assertThat(elsewhere).isEmptyDirectory();
    assertThat(Files.isSymbolicLink(linked)).isTrue();
  }

  @Test
  void the_command_line_refuses_a_directory_of_other_files_and_a_bad_package() throws IOException {
    spec();
    Path sources = Files.createDirectories(dir.resolve("src/main/java"));
    Files.writeString(sources.resolve("Main.java"), "class Main {}");
    String spec = dir.resolve("src/main/walkspec/a.walk").toString();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "generate",
            spec,
            "-o",
            sources.toString());
    assertThat(code).isEqualTo(Main.FINDINGS);
    assertThat(err.toString()).contains("holds files walkspec did not write");
    assertThat(sources.resolve("Main.java")).hasContent("class Main {}");
    try (var entries = Files.list(sources)) {
      assertThat(entries).hasSize(1);
    }
    StringWriter err2 = new StringWriter();
    int usage =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err2),
            "generate",
            spec,
            "-o",
            dir.resolve("out").toString(),
            "--package",
            "a.b;x");
    assertThat(usage).isEqualTo(Main.USAGE);
    assertThat(dir.resolve("out")).doesNotExist();
    StringWriter err3 = new StringWriter();
    int badSeed =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err3),
            "generate",
            spec,
            "-o",
            dir.resolve("out").toString(),
            "--seed",
            "one");
    assertThat(badSeed).isEqualTo(Main.USAGE);
    assertThat(err3.toString())
        .contains("--seed must be a whole number (a jqwik seed such as 20261126), got 'one'");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
