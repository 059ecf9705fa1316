package dev.walkspec.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.pipeline.BuildProblem;
import dev.walkspec.pipeline.Builds;
import dev.walkspec.pipeline.CheckReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apiguardian.api.API;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Checks the specs. Every diagnostic is logged with its {@code file:line:col}, code and message
 * (errors as errors, warnings as warnings), and any error fails the build.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VALIDATE,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
@API(status = INTERNAL)
public class CheckMojo extends AbstractSpecsMojo {
  @Inject
  public CheckMojo(BuildContext buildContext) {
    super(buildContext);
  }

  /**
   * Skips the check: nothing is read, nothing fails.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.check.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("walkspec: check skipped");
      return;
    }
    CheckReport report;
    try {
      report =
          Builds.check(
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
    if (report.roots().isEmpty()) {
      getLog().info("walkspec: no specs in " + describeSources() + "; nothing to check");
      return;
    }
    report(report);
    if (report.hasErrors()) {
      throw new MojoFailureException(
          "walkspec: " + report.summary() + "; fix the errors listed above");
    }
    getLog().info("walkspec: " + report.summary());
  }
}
