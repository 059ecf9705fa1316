package dev.walkspec.emit;

import java.util.Map;
import java.util.Set;

/**
 * What to generate: the base package, which operations and profiles (empty = all), and the handler
 * class under test for each handler kind (for the generated suites).
 *
 * @param specPath how the generated suites find the spec again (drift lock), as given
 */
public record GeneratorOptions(
    String basePackage,
    Set<String> operations,
    Set<String> profiles,
    Map<String, String> handlerClasses,
    String specPath) {

  public static final String DEFAULT_PACKAGE = "dev.walkspec.generated";

  public GeneratorOptions {
    operations = Set.copyOf(operations);
    profiles = Set.copyOf(profiles);
    handlerClasses = Map.copyOf(handlerClasses);
  }

  public static GeneratorOptions defaults(String specPath) {
    return new GeneratorOptions(DEFAULT_PACKAGE, Set.of(), Set.of(), Map.of(), specPath);
  }
}
