package dev.walkspec.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.cli.Main;
import dev.walkspec.pipeline.BuildProblem;
import dev.walkspec.pipeline.Exploration;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apiguardian.api.API;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Runs a {@code walkspec} command from Maven's command line, on the project's specs: the explorer
 * on a scenario, two specs compared, a trace. For example
 *
 * <pre>
 * mvn walkspec:explore -Dwalkspec.command=explore -Dwalkspec.args=age-vs-zap -Dwalkspec.preemptionBound=3
 * mvn walkspec:explore -Dwalkspec.command=explore -Dwalkspec.args=lost-zap-xchg -Dwalkspec.pctRuns=5000 -Dwalkspec.seed=7
 * mvn walkspec:explore -Dwalkspec.command=diff -Dwalkspec.spec=kvm.walk,v4-v6.14-locked-aging.walk
 * mvn walkspec:explore -Dwalkspec.command=trace -Dwalkspec.spec=kvm.walk \
 *     -Dwalkspec.args="--scenario src/test/scenarios/young.json"
 * </pre>
 *
 * The arguments given to {@code walkspec} are: the command, {@code -I DIR} for each spec directory
 * and unpacked spec artifact (when specs are given), the exploration bounds that are set, the spec
 * files, then {@code walkspec.args}. The project's test class path is the thread's context class
 * loader while the command runs, so the command can load the project's handler classes (and
 * subcommands the project contributes through {@code dev.walkspec.cli.CommandExtension}). Exit code
 * 1 (findings) fails the build unless {@code walkspec.failOnFindings} is false; 2 (usage) always
 * does.
 *
 * @since 0.1.0
 */
@Mojo(name = "explore", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@API(status = INTERNAL)
public class ExploreMojo extends AbstractWalkspecMojo {
  @Inject
  public ExploreMojo(BuildContext buildContext) {
    super(buildContext);
  }

  /**
   * The walkspec subcommand to run: {@code explore}, {@code diff}, {@code trace}, {@code check}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.command", required = true)
  String command;

  /**
   * The spec files the command works on, in order (for {@code diff}: the two specs), each relative
   * to a spec directory or an unpacked spec artifact like {@code specs}, or a path relative to the
   * project directory. On the command line: comma-separated.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.spec")
  List<String> spec;

  /**
   * Further arguments for the command, passed last, split at whitespace; quotes group, as in a
   * shell: {@code -Dwalkspec.args="--scenario young.json --format json"}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.args")
  String args;

  /**
   * The explorer's preemption bound for systematic search (passed as {@code --preemption-bound}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.preemptionBound")
  Integer preemptionBound;

  /**
   * How many random (PCT) schedules the explorer runs beyond the bound (passed as {@code
   * --pct-runs}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.pctRuns")
  Integer pctRuns;

  /**
   * The seed of the random schedules, to replay a run (passed as {@code --seed}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.seed")
  String seed;

  /**
   * Whether findings (exit code 1: the specs differ, a handler fails, a spec has errors) fail the
   * build. Usage mistakes (exit code 2) always do.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.failOnFindings", defaultValue = "true")
  boolean failOnFindings;

  /**
   * Skips the command, for builds that bind the goal to a phase.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.explore.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoFailureException, MojoExecutionException {
    if (skip) {
      getLog().info("walkspec: explore skipped");
      return;
    }
    List<String> arguments;
    try {
      Exploration exploration =
          new Exploration(
              command,
              nonNull(spec).stream().filter(s -> !s.isBlank()).toList(),
              preemptionBound == null ? OptionalInt.empty() : OptionalInt.of(preemptionBound),
              pctRuns == null ? OptionalInt.empty() : OptionalInt.of(pctRuns),
              Optional.ofNullable(seed).filter(s -> !s.isBlank()),
              Exploration.split(args));
      arguments =
          exploration.arguments(
              request(
                  Optional.empty(),
                  Optional.empty(),
                  "unused",
                  Set.of(),
                  Set.of(),
                  Map.of(),
                  List.of()));
    } catch (BuildProblem e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    getLog().info("walkspec " + String.join(" ", arguments));
    int code = run(arguments);
    if (code == Main.OK) {
      return;
    }
    String what = "walkspec " + command + " exited with code " + code;
    if (code == Main.FINDINGS && !failOnFindings) {
      getLog().warn(what + " (findings, see above)");
      return;
    }
    throw new MojoFailureException(
        what + (code == Main.USAGE ? " (a usage mistake, see above)" : " (findings, see above)"));
  }

  private int run(List<String> arguments) throws MojoExecutionException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader projectClasses =
            new URLClassLoader(testClasspath(), getClass().getClassLoader());
        PrintWriter out = new PrintWriter(new LogWriter(getLog(), false));
        PrintWriter err = new PrintWriter(new LogWriter(getLog(), true))) {
      thread.setContextClassLoader(projectClasses);
      return Main.run(out, err, arguments.toArray(String[]::new));
    } catch (IOException e) {
      throw new MojoExecutionException("walkspec: cannot close the project class loader", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private URL[] testClasspath() throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    try {
      for (String element : project.getTestClasspathElements()) {
        urls.add(Path.of(element).toUri().toURL());
      }
    } catch (DependencyResolutionRequiredException | MalformedURLException e) {
      throw new MojoExecutionException("walkspec: the test class path is not usable", e);
    }
    return urls.toArray(URL[]::new);
  }
}
