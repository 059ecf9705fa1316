package dev.walkspec.emit;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to generate: the base package, which operations and profiles (empty = all), and the handler
 * class under test for each handler kind (for the generated suites).
 *
 * @param specPath how the generated suites find the spec again (drift lock), as given
 * @param importPath where the generated suites look for the spec's imports, as given
 */
public record GeneratorOptions(
    String basePackage,
    Set<String> operations,
    Set<String> profiles,
    Map<String, String> handlerClasses,
    String specPath,
    List<String> importPath) {

  public static final String DEFAULT_PACKAGE = "dev.walkspec.generated";

  public GeneratorOptions {
    operations = Set.copyOf(operations);
    profiles = Set.copyOf(profiles);
    handlerClasses = Map.copyOf(handlerClasses);
    importPath = List.copyOf(importPath);
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
}
