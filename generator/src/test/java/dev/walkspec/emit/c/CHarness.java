package dev.walkspec.emit.c;

import static org.assertj.core.api.Assertions.fail;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.model.Value;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The C harness of the equivalence test: a spec's rendering written as a tree beside the harness
 * sources (src/test/resources/c-harness) and its glue, compiled once per profile with the system C
 * compiler under {@code -std=c11 -Wall -Wextra -Werror}.
 */
final class CHarness {
  static final String REQUIRE_CC = "WALKSPEC_REQUIRE_CC";
  private static final Path SOURCES = Path.of("src/test/resources/c-harness");

  private final Path compiler;
  private final Path dir;
  private final CHarnessGlue glue;

  private CHarness(Path compiler, Path dir, CHarnessGlue glue) {
    this.compiler = compiler;
    this.dir = dir;
    this.glue = glue;
  }

  /**
   * The C compiler on the PATH ({@code cc}, else {@code gcc}). Without one the test is skipped,
   * unless WALKSPEC_REQUIRE_CC is set (as .ci/run does): then it fails.
   */
  static Path compiler() {
    Optional<Path> found = onPath("cc").or(() -> onPath("gcc"));
    if (found.isEmpty()) {
      String why = "no C compiler (cc or gcc) on PATH (Debian: apt-get install gcc; .ci/run does)";
      if (System.getenv(REQUIRE_CC) != null) {
        fail(why + ", and " + REQUIRE_CC + " is set");
      }
      Assumptions.abort(why);
    }
    return found.get();
  }

  /** Writes the rendering of {@code checked} and the harness into {@code dir}. */
  static CHarness prepare(Path compiler, CheckedSpec checked, Path dir) throws IOException {
    CRendering rendering = CRenderer.render(checked);
    CRenderings.write(rendering, dir);
    for (String source : List.of("shim.h", "harness.c")) {
      Files.copy(SOURCES.resolve(source), dir.resolve(source));
    }
    CHarnessGlue glue = new CHarnessGlue(checked, rendering);
    Files.writeString(dir.resolve("glue.h"), glue.text(), StandardCharsets.UTF_8);
    return new CHarness(compiler, dir, glue);
  }

  CHarnessGlue glue() {
    return glue;
  }

  /** The harness compiled for one profile: its Kconfig values, lock kind and address spaces. */
  Path compile(ResolvedProfile profile) throws IOException, InterruptedException {
    Path binary = dir.resolve("walk-" + profile.name());
    List<String> command = new ArrayList<>(List.of(compiler.toString(), "-std=c11", "-Wall"));
    command.addAll(List.of("-Wextra", "-Werror", "-O1", "-I", dir.toString()));
    command.addAll(defines(profile));
    command.addAll(List.of("-o", binary.toString(), dir.resolve("harness.c").toString()));
    Process cc = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = read(cc.getInputStream());
    if (!cc.waitFor(120, TimeUnit.SECONDS) || cc.exitValue() != 0) {
      fail(
          "the C rendering of "
              + glue.checked().spec().name()
              + " does not compile for "
              + profile.name()
              + ":\n"
              + String.join(" ", command)
              + "\n"
              + output);
    }
    return binary;
  }

  static List<String> defines(ResolvedProfile profile) {
    List<String> defines = new ArrayList<>();
    defines.add("-DHARNESS_NR_AS=" + profile.addressSpaces());
    if (profile.isRwlock()) {
      defines.add("-DKVM_HAVE_MMU_RWLOCK");
    }
    for (Map.Entry<String, Value> option : new TreeMap<>(profile.config()).entrySet()) {
      Value v = option.getValue();
      if (v instanceof Value.BoolValue b && b.value()) {
        defines.add("-D" + CNames.config(option.getKey()) + "=1");
      } else if (v instanceof Value.IntValue i) {
        defines.add("-D" + CNames.config(option.getKey()) + "=" + i.value());
      }
    }
    return defines;
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Optional<Path> onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(d, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
