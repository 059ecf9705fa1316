package dev.walkspec.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The plugin descriptor generated from the Mojo annotations: the goals, their phases, and every
 * parameter a user can set documented with a description and {@code @since}.
 */
class PluginDescriptorTest {
  static final Path MODULE = Path.of(System.getProperty("basedir", ""));
  static Document descriptor;

  @BeforeAll
  static void read() throws Exception {
    Path file = MODULE.resolve("target/classes/META-INF/maven/plugin.xml");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    descriptor = factory.newDocumentBuilder().parse(file.toFile());
  }

  @Test
  void theGoalsAreBoundToTheirPhasesUnderThePrefixWalkspec() {
    assertThat(text(descriptor.getDocumentElement(), "goalPrefix")).isEqualTo("walkspec");
    Map<String, String> phases = new LinkedHashMap<>();
    for (Element mojo : mojos()) {
      phases.put(text(mojo, "goal"), text(mojo, "phase"));
    }
    assertThat(phases)
        .containsEntry("check", "validate")
        .containsEntry("generate", "generate-sources")
        .containsEntry("generate-tests", "generate-test-sources")
        .containsEntry("explore", null)
        .containsKey("help");
  }

  @Test
  void everyParameterAUserSetsIsDocumentedWithSince() {
    List<String> checked = new ArrayList<>();
    for (Element mojo : mojos()) {
      String goal = text(mojo, "goal");
      if (goal.equals("help")) {
        continue;
      }
      assertThat(text(mojo, "since")).as(goal).isEqualTo("0.1.0");
      for (Element parameter : children(child(mojo, "parameters"), "parameter")) {
        String name = goal + ":" + text(parameter, "name");
        if (text(parameter, "editable").equals("false") && name.endsWith(":project")) {
          continue;
        }
        assertThat(text(parameter, "since")).as(name).isEqualTo("0.1.0");
        assertThat(text(parameter, "description")).as(name).hasSizeGreaterThan(20);
        checked.add(name);
      }
    }
    assertThat(checked)
        .contains(
            "check:skip",
            "check:specDirectories",
            "check:specArtifacts",
            "check:specs",
            "generate:outputDirectory",
            "generate:basePackage",
            "generate:operations",
            "generate:profiles",
            "generate-tests:handlerClasses",
            "generate-tests:testOutputDirectory",
            "explore:command",
            "explore:spec",
            "explore:args",
            "explore:preemptionBound",
            "explore:pctRuns",
            "explore:seed",
            "explore:failOnFindings")
        .doesNotContain("explore:specs");
  }

  @Test
  void eclipseRunsTheBuildGoalsAndIgnoresExplore() throws Exception {
    String mapping =
        Files.readString(
            MODULE.resolve("target/classes/META-INF/m2e/lifecycle-mapping-metadata.xml"));
    String execute = mapping.substring(0, mapping.indexOf("<execute>"));
    assertThat(execute)
        .contains("<goal>check</goal>", "<goal>generate</goal>", "<goal>generate-tests</goal>")
        .doesNotContain("<goal>explore</goal>");
    assertThat(mapping.substring(mapping.indexOf("<execute>")))
        .contains("<runOnIncremental>true</runOnIncremental>", "<goal>explore</goal>", "<ignore/>");
  }

  private static List<Element> mojos() {
    return children(child(descriptor.getDocumentElement(), "mojos"), "mojo");
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}
