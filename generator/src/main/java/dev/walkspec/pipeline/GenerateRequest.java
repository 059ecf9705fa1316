package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.emit.GeneratorOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Everything one generation run depends on. Immutable, so the Maven plugin and the command line
 * only build one of these and hand it over.
 *
 * @param baseDir paths in diagnostics and in generated suites are relative to this directory
 * @param walkerOutput where walker sources go (main code), if wanted
 * @param suiteOutput where conformance suites go (test code), if wanted
 * @param handlerClasses handler class under test per handler kind, for the suites
 * @param handlerTries tries of each property of the handler suites (0: the generator's default)
 * @param propertySeed a fixed jqwik seed for every generated property ("": a random one each run)
 */
@API(status = INTERNAL)
public record GenerateRequest(
    List<Path> specs,
    List<Path> importPath,
    Path baseDir,
    Optional<Path> walkerOutput,
    Optional<Path> suiteOutput,
    String basePackage,
    Set<String> operations,
    Set<String> profiles,
    Map<String, String> handlerClasses,
    int handlerTries,
    String propertySeed) {

  public GenerateRequest {
    specs = List.copyOf(specs);
    importPath = List.copyOf(importPath);
    operations = Set.copyOf(operations);
    profiles = Set.copyOf(profiles);
    handlerClasses = Map.copyOf(handlerClasses);
    propertySeed = propertySeed == null ? "" : propertySeed.trim();
  }

  /** A request whose suites' properties run the default tries with a random seed. */
  public GenerateRequest(
      List<Path> specs,
      List<Path> importPath,
      Path baseDir,
      Optional<Path> walkerOutput,
      Optional<Path> suiteOutput,
      String basePackage,
      Set<String> operations,
      Set<String> profiles,
      Map<String, String> handlerClasses) {
    this(
        specs,
        importPath,
        baseDir,
        walkerOutput,
        suiteOutput,
        basePackage,
        operations,
        profiles,
        handlerClasses,
        0,
        "");
  }

  GeneratorOptions optionsFor(Path spec) {
    return new GeneratorOptions(
            basePackage, operations, profiles, handlerClasses, relative(spec), relativeImportPath())
        .withHandlerTries(handlerTries)
        .withPropertySeed(propertySeed);
  }

  /** The import path as generated suites name it. */
  List<String> relativeImportPath() {
    return importPath.stream().map(this::relative).toList();
  }

  /** A path as generated suites name it: relative to the base directory. */
  private String relative(Path path) {
    return baseDir
        .toAbsolutePath()
        .normalize()
        .relativize(path.toAbsolutePath().normalize())
        .toString()
        .replace('\\', '/');
  }
}
