package dev.walkspec.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apiguardian.api.API;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Generates the conformance suites (JUnit 5 + jqwik) into {@code testOutputDirectory} and adds it
 * as a test source root: walker suites for every generated walker and, for each handler kind with a
 * class in {@code handlerClasses}, handler suites checking that class against the obligations the
 * spec gives it. Runs after the main classes are compiled: each handler class is loaded from the
 * project's compile class path first, and a class that does not exist, or does not implement the
 * interface of its kind, fails the build with one sentence saying what to fix.
 *
 * <p>Use it with {@code generate} and the same {@code basePackage}, {@code operations} and {@code
 * profiles}: the walker suites test the generated walkers. The suites need, on the test class path:
 * {@code dev.walkspec:walkspec-harness} (their harness: the suite classes, the spec model their
 * generated spec image builds, the explorer; no parser or code generator, and it brings the
 * walkspec-spec jar), {@code dev.walkspec:walkspec-runtime}, {@code
 * org.junit.jupiter:junit-jupiter} and {@code net.jqwik:jqwik} 1.9.3. Without walkspec-harness
 * among the project's dependencies the goal warns.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "generate-tests",
    defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
@API(status = INTERNAL)
public class GenerateTestsMojo extends AbstractGenerateMojo {
  /** The artifact the generated suites compile and run against, at test scope. */
  static final String HARNESS = "walkspec-harness";

  @Inject
  public GenerateTestsMojo(BuildContext buildContext) {
    super(buildContext);
  }

  /**
   * Where the suites go. walkspec owns this directory and replaces it as a whole: it must not hold
   * anything else. A directory outside {@code target} is allowed when set explicitly.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.build.directory}/generated-test-sources/walkspec")
  File testOutputDirectory;

  /**
   * The handler class under test for each handler kind, by fully qualified name. The key is a kind
   * ({@code age}, {@code test_age}, {@code unmap}) or a profile and a kind ({@code x86.age}), which
   * wins over the kind alone on that profile:
   *
   * <pre>{@code
   * <handlerClasses>
   *   <age>com.example.kvm.X86AgeHandler</age>
   *   <arm64.age>com.example.kvm.Arm64AgeHandler</arm64.age>
   * </handlerClasses>
   * }</pre>
   *
   * Each class must be public, have a public no-argument constructor and implement the interface of
   * its kind: {@code dev.walkspec.runtime.api.AgeHandler}, {@code TestAgeHandler} or {@code
   * UnmapHandler} ({@code GfnHandler} for other kinds). Without any, only walker suites are
   * generated.
   *
   * @since 0.1.0
   */
  @Parameter Map<String, String> handlerClasses;

  /**
   * Tries of each jqwik property of the handler suites; 0 keeps the default (150). More tries draw
   * more page-table states per obligation, at the cost of test time.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.handlerTries", defaultValue = "0")
  int handlerTries;

  /**
   * A fixed jqwik seed for every generated property (a whole number), so that every run draws the
   * same samples: for builds whose results are compared over time, such as a mutation-testing run.
   * Unset, each run draws new ones, which finds more over many runs.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.propertySeed", defaultValue = "")
  String propertySeed;

  /**
   * Skips generating the suites; the test output directory is then not a test source root.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.generateTests.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoFailureException, MojoExecutionException {
    if (skip) {
      getLog().info("walkspec: generate-tests skipped");
      return;
    }
    List<String> classpath;
    try {
      classpath = project.getCompileClasspathElements();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("walkspec: the compile class path is not resolved", e);
    }
    boolean generated =
        generate(
            request(
                    Optional.empty(),
                    path(testOutputDirectory),
                    basePackage,
                    operations(),
                    profiles(),
                    handlerClasses == null ? Map.of() : new TreeMap<>(handlerClasses),
                    classpath)
                .withProperties(handlerTries, propertySeed),
            testOutputDirectory,
            "conformance suites");
    if (generated) {
      project.addTestCompileSourceRoot(testOutputDirectory.getAbsolutePath());
      if (!hasHarness()) {
        getLog()
            .warn(
                "walkspec: the generated suites need dev.walkspec:walkspec-harness on the test class"
                    + " path; add it to <dependencies> with <scope>test</scope>");
      }
    }
  }

  /** Whether the project resolves the suites' harness (any scope: test is the one to use). */
  private boolean hasHarness() {
    return project.getArtifacts().stream()
        .anyMatch(a -> "dev.walkspec".equals(a.getGroupId()) && HARNESS.equals(a.getArtifactId()));
  }
}
