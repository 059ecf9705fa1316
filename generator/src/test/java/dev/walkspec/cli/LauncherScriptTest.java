package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./walkspec} launcher at the repository root: executable, valid bash, and running the
 * class this module's command line lives in. (Running it would start a Maven build from inside one,
 * so its behaviour is exercised by hand and by CI, not here.)
 */
class LauncherScriptTest {

  static Path launcher() {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    for (Path at = dir.toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve("walkspec")) && Files.isRegularFile(at.resolve("mvnw"))) {
        return at.resolve("walkspec");
      }
    }
    throw new IllegalStateException("no ./walkspec above " + dir.toAbsolutePath());
  }

  @Test
  void isAnExecutableBashScriptWithoutSyntaxErrors() throws IOException, InterruptedException {
    Path script = launcher();

    assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
    assertThat(Files.readString(script, StandardCharsets.UTF_8))
        .startsWith("#!/usr/bin/env bash\n");
    Process check =
        new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.exitValue()).as(output).isZero();
  }

  @Test
  void runsThisModulesMainClass() throws IOException {
    String text = Files.readString(launcher(), StandardCharsets.UTF_8);

    assertThat(text).contains("MAIN_CLASS=" + Main.class.getName());
    // The conform module (walkspec conform) depends on this one, so its build brings Main along.
    assertThat(text).containsPattern("(?m)^MODULES=\\(\\n  conform\\n\\)");
    // JVM options (the same as the suite workers', which conform's SuiteWorkersTest holds) may
    // come before the class path.
    assertThat(text)
        .containsPattern(
            "(?m)^exec \"\\$JAVA\" (-X\\S+ )*-cp \"\\$CP\" \"\\$MAIN_CLASS\" \"\\$@\"$");
  }
}
