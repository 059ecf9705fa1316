package dev.walkspec.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's "Use it in your build" snippets are the integration test's, word for word: each
 * region between {@code <!-- walkspec:NAME -->} and {@code <!-- /walkspec:NAME -->} in IT 1's pom
 * appears, dedented, as an xml code block of the README, and the README's handler is IT 1's age
 * handler; IT 1 builds that project and its suites pass, so a project made from the README passes.
 */
class ReadmeSnippetTest {
  static final Path MODULE = Path.of(System.getProperty("basedir", ""));
  static final Path README = MODULE.resolve("../README.md");
  static final Path IT_POM = MODULE.resolve("src/it/01-spec-jar-x86-age/pom.xml");
  static final Path IT_HANDLERS = MODULE.resolve("src/it/01-spec-jar-x86-age/src/main/java");

  @ParameterizedTest
  @ValueSource(strings = {"dependencies", "plugin", "surefire"})
  void readmeShowsTheSnippetOfIntegrationTestOne(String region) throws IOException {
    String snippet = region(read(IT_POM), region);
    assertThat(snippet).contains("<").doesNotContain("walkspec:" + region);
    assertThat(read(README)).contains("```xml\n" + snippet + "\n```\n");
  }

  @Test
  void theReadmeHasNoOtherXmlBlockThanTheSnippets() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```xml\n(.*?)\n```", Pattern.DOTALL).matcher(read(README));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    String pom = read(IT_POM);
    assertThat(blocks)
        .containsExactly(
            region(pom, "dependencies"), region(pom, "plugin"), region(pom, "surefire"));
  }

  @Test
  void theReadmesHandlerIsIntegrationTestOnesAgeHandlerAndItsLinksExist() throws IOException {
    String handler = read(IT_HANDLERS.resolve("com/example/kvm/X86AgeHandler.java")).strip();
    String readme = read(README);
    assertThat(readme).contains("```java\n" + handler + "\n```\n");
    Matcher links =
        Pattern.compile("\\]\\((walkspec-maven-plugin/src/it/[^)]+\\.java)\\)").matcher(readme);
    int found = 0;
    while (links.find()) {
      assertThat(MODULE.resolve("..").resolve(links.group(1))).as(links.group(1)).isRegularFile();
      found++;
    }
    assertThat(found).as("links to the test_age and unmap handlers").isEqualTo(2);
  }

  @Test
  void aRegionThatIsNotThereFails() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> region("<project>\n</project>\n", "plugin"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("walkspec:plugin");
  }

  /** The lines between the markers, with their common indentation removed. */
  static String region(String text, String name) {
    Matcher m =
        Pattern.compile(
                "\n([ \t]*)<!-- walkspec:"
                    + Pattern.quote(name)
                    + " -->\n(.*?)\n[ \t]*<!-- /walkspec:"
                    + Pattern.quote(name)
                    + " -->",
                Pattern.DOTALL)
            .matcher(text);
    if (!m.find()) {
      throw new AssertionError("no region walkspec:" + name + " in the integration test's pom");
    }
    List<String> lines = m.group(2).lines().toList();
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
        "\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }
}
