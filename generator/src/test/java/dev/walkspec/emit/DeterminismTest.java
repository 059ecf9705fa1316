package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same spec, same bytes: twice in a row, under odd locales and time zones, and on JDK 25. */
class DeterminismTest {
  private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir Path work;

  @Test
  void generating_twice_gives_identical_bytes() {
    assertThat(generateAll()).isEqualTo(generateAll());
  }

  @Test
  void locale_and_time_zone_do_not_change_the_output() {
    List<GeneratedFile> normal = generateAll();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertThat(generateAll()).isEqualTo(normal);
      Locale.setDefault(Locale.forLanguageTag("ar-SA-u-nu-arab"));
      TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
      assertThat(generateAll()).isEqualTo(normal);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  /** The command line run on a Temurin 25 JVM writes the same files as this JDK 17 run. */
  @Test
  void jdk25_generates_the_same_bytes_as_jdk17() throws Exception {
    assumeTrue(Files.isExecutable(JDK25), "no JDK 25 at " + JDK25 + " on this machine");
    Path spec = BundledSpecs.file("kvm.walk");
    Path out = work.resolve("jdk25");
    Process process =
        new ProcessBuilder(
                JDK25.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.walkspec.cli.Main",
                "generate",
                spec.toString(),
                "-o",
                out.resolve("main").toString(),
                "--tests",
                out.resolve("test").toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log).isZero();
    CheckedSpec checked = GeneratedCodeTest.bundled("kvm.walk");
    GeneratorOptions options =
        GeneratorOptions.defaults(
            Path.of("")
                .toAbsolutePath()
                .relativize(spec.toAbsolutePath())
                .toString()
                .replace('\\', '/'));
    Generator generator = new Generator(checked, options);
    assertSameFiles(generator.walkers(), out.resolve("main"));
    assertSameFiles(generator.walkerSuites(), out.resolve("test"));
  }

  private static void assertSameFiles(List<GeneratedFile> expected, Path dir) throws IOException {
    for (GeneratedFile file : expected) {
      assertThat(Files.readString(dir.resolve(file.relativePath()), StandardCharsets.UTF_8))
          .as(file.relativePath())
          .isEqualTo(file.content());
    }
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".java")).count())
          .isEqualTo(expected.size());
    }
  }

  private static List<GeneratedFile> generateAll() {
    List<GeneratedFile> all = new ArrayList<>();
    for (Path spec : BundledSpecs.files()) {
      CheckedSpec checked = GeneratedCodeTest.bundled(spec.getFileName().toString());
      Generator generator =
          new Generator(checked, GeneratorOptions.defaults("spec/" + spec.getFileName()));
      all.addAll(generator.walkers());
      all.addAll(generator.walkerSuites());
    }
    return all;
  }
}
