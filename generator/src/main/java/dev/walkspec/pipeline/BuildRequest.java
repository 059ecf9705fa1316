package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Everything a build tool (the Maven plugin) hands to walkspec for one goal: where the specs are,
 * which to use, where output goes, what to generate, and the handler classes the suites test.
 * Immutable; {@link Builds} does the work.
 *
 * @param baseDir the project directory; diagnostics and generated suites show paths relative to it
 * @param specDirectories directories holding the project's own specs (missing ones are skipped)
 * @param specArchives dependencies carrying specs, unpacked to {@code unpackDirectory/<name>}
 * @param specs root files to use, relative to a spec directory or an unpacked archive; empty: every
 *     {@code .walk} file of the spec directories
 * @param walkerOutput where walker sources go, if this goal generates them
 * @param suiteOutput where conformance suites go, if this goal generates them
 * @param operations operation ids or labels to generate (empty: all)
 * @param profiles profiles to generate (empty: all)
 * @param handlerClasses handler class under test by handler kind ({@code age}) or profile and kind
 *     ({@code x86/age} or {@code x86.age})
 * @param handlerClasspath where the handler classes and their dependencies are (the project's
 *     compile class path); they are loaded from it to check them before generating
 * @param handlerTries tries of each property of the handler suites (0: the generator's default)
 * @param propertySeed a fixed jqwik seed for every generated property ("": a random one each run),
 *     so that a build (a mutation-testing run, a CI job) draws the same samples every time
 */
@API(status = INTERNAL)
public record BuildRequest(
    Path baseDir,
    List<Path> specDirectories,
    List<SpecArchive> specArchives,
    Path unpackDirectory,
    List<String> specs,
    Optional<Path> walkerOutput,
    Optional<Path> suiteOutput,
    String basePackage,
    Set<String> operations,
    Set<String> profiles,
    Map<String, String> handlerClasses,
    List<Path> handlerClasspath,
    int handlerTries,
    String propertySeed) {

  public BuildRequest {
    specDirectories = List.copyOf(specDirectories);
    specArchives = List.copyOf(specArchives);
    specs = List.copyOf(specs);
    operations = Set.copyOf(operations);
    profiles = Set.copyOf(profiles);
    handlerClasses = Map.copyOf(handlerClasses);
    handlerClasspath = List.copyOf(handlerClasspath);
    propertySeed = propertySeed == null ? "" : propertySeed.trim();
  }

  /** A request whose suites' properties run the default tries with a random seed. */
  public BuildRequest(
      Path baseDir,
      List<Path> specDirectories,
      List<SpecArchive> specArchives,
      Path unpackDirectory,
      List<String> specs,
      Optional<Path> walkerOutput,
      Optional<Path> suiteOutput,
      String basePackage,
      Set<String> operations,
      Set<String> profiles,
      Map<String, String> handlerClasses,
      List<Path> handlerClasspath) {
    this(
        baseDir,
        specDirectories,
        specArchives,
        unpackDirectory,
        specs,
        walkerOutput,
        suiteOutput,
        basePackage,
        operations,
        profiles,
        handlerClasses,
        handlerClasspath,
        0,
        "");
  }

  /** The same request with the tries and seed of the generated properties. */
  public BuildRequest withProperties(int tries, String seed) {
    return new BuildRequest(
        baseDir,
        specDirectories,
        specArchives,
        unpackDirectory,
        specs,
        walkerOutput,
        suiteOutput,
        basePackage,
        operations,
        profiles,
        handlerClasses,
        handlerClasspath,
        tries,
        seed);
  }
}
