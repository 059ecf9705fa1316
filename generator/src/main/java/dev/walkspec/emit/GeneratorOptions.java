package dev.walkspec.emit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What to generate: the base package, which operations and profiles (empty = all), and the handler
 * class under test for each handler kind (for the generated suites).
 *
 * @param specPath how the generated suites find the spec again (drift lock), as given
 * @param importPath where the generated suites look for the spec's imports, as given
 * @param handlerTries tries of each jqwik property of the handler suites (0: the default, 150)
 * @param propertySeed a fixed jqwik seed for every property ("": a new random seed each run); a
 *     conformance matrix compared with reviewed outcomes needs the same samples every time
 */
@API(status = INTERNAL)
public record GeneratorOptions(
    String basePackage,
    Set<String> operations,
    Set<String> profiles,
    Map<String, String> handlerClasses,
    String specPath,
    List<String> importPath,
    int handlerTries,
    String propertySeed) {

  public static final String DEFAULT_PACKAGE = "dev.walkspec.generated";
  public static final int DEFAULT_HANDLER_TRIES = 150;

  public GeneratorOptions {
    operations = Set.copyOf(operations);
    profiles = Set.copyOf(profiles);
    handlerClasses = Map.copyOf(handlerClasses);
    importPath = List.copyOf(importPath);
    if (handlerTries < 0) {
      throw new IllegalArgumentException(
          "handler property tries must be >= 0, got " + handlerTries);
    }
    propertySeed = propertySeed == null ? "" : propertySeed.trim();
    if (!isSeed(propertySeed)) {
      throw new IllegalArgumentException(
          "a property seed must be a whole number (a jqwik seed), got '" + propertySeed + "'");
    }
  }

  /** Whether {@code seed} is empty (no fixed seed) or what jqwik takes as one: a long. */
  public static boolean isSeed(String seed) {
    if (seed.isEmpty()) {
      return true;
    }
    try {
      Long.parseLong(seed);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Options with the default number of tries. */
  public GeneratorOptions(
      String basePackage,
      Set<String> operations,
      Set<String> profiles,
      Map<String, String> handlerClasses,
      String specPath,
      List<String> importPath) {
    this(basePackage, operations, profiles, handlerClasses, specPath, importPath, 0, "");
  }

  /** Options for a spec whose imports all resolve next to it. */
  public GeneratorOptions(
      String basePackage,
      Set<String> operations,
      Set<String> profiles,
      Map<String, String> handlerClasses,
      String specPath) {
    this(basePackage, operations, profiles, handlerClasses, specPath, List.of());
  }

  public static GeneratorOptions defaults(String specPath) {
    return new GeneratorOptions(DEFAULT_PACKAGE, Set.of(), Set.of(), Map.of(), specPath);
  }

  public GeneratorOptions withHandlerTries(int tries) {
    return new GeneratorOptions(
        basePackage,
        operations,
        profiles,
        handlerClasses,
        specPath,
        importPath,
        tries,
        propertySeed);
  }

  public GeneratorOptions withPropertySeed(String seed) {
    return new GeneratorOptions(
        basePackage,
        operations,
        profiles,
        handlerClasses,
        specPath,
        importPath,
        handlerTries,
        seed);
  }

  /**
   * The @Property annotation of a generated handler property: its tries, jqwik's shrinking off (the
   * suite shrinks a failing state itself, HandlerSuite.check), and the fixed seed if any.
   */
  public com.palantir.javapoet.AnnotationSpec property(int tries) {
    com.palantir.javapoet.AnnotationSpec.Builder property =
        com.palantir.javapoet.AnnotationSpec.builder(
                com.palantir.javapoet.ClassName.get("net.jqwik.api", "Property"))
            .addMember("tries", "$L", tries)
            .addMember(
                "shrinking",
                "$T.OFF",
                com.palantir.javapoet.ClassName.get("net.jqwik.api", "ShrinkingMode"));
    if (!propertySeed.isEmpty()) {
      property.addMember("seed", "$S", propertySeed);
    }
    return property.build();
  }

  /** The tries each handler-suite property runs. */
  public int effectiveHandlerTries() {
    return handlerTries == 0 ? DEFAULT_HANDLER_TRIES : handlerTries;
  }
}
