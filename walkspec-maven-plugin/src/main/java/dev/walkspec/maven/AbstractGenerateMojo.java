package dev.walkspec.maven;

import dev.walkspec.emit.GeneratorOptions;
import dev.walkspec.pipeline.BuildProblem;
import dev.walkspec.pipeline.BuildRequest;
import dev.walkspec.pipeline.Builds;
import dev.walkspec.pipeline.CheckReport;
import dev.walkspec.pipeline.GenerateResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.sonatype.plexus.build.incremental.BuildContext;

/** The generating goals: the package and the selection of operations and profiles. */
abstract class AbstractGenerateMojo extends AbstractSpecsMojo {
  AbstractGenerateMojo(BuildContext buildContext) {
    super(buildContext);
  }

  /**
   * The base package of the generated code; each spec gets a subpackage named after it ({@code
   * kvm.walk} gives {@code <basePackage>.kvm}). Use the same value for {@code generate} and {@code
   * generate-tests}: the suites test the walkers of their package.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.basePackage", defaultValue = GeneratorOptions.DEFAULT_PACKAGE)
  String basePackage;

  /**
   * The operations to generate walkers and suites for, by id ({@code C4}) or label ({@code
   * clear_young}). Empty: all. Use the same value for {@code generate} and {@code generate-tests}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.operations")
  List<String> operations;

  /**
   * The profiles (arches) to generate walkers and suites for, such as {@code x86}. Empty: all. Use
   * the same value for {@code generate} and {@code generate-tests}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.profiles")
  List<String> profiles;

  /**
   * Generates into one output directory and reports: the diagnostics, then one line saying what was
   * written, or that nothing was because the output is up to date.
   *
   * @return whether the directory holds generated sources (to add as a source root)
   */
  boolean generate(BuildRequest request, File output, String what)
      throws MojoFailureException, MojoExecutionException {
    Builds.Outcome outcome;
    try {
      outcome = Builds.generate(request);
    } catch (BuildProblem e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("walkspec: cannot write " + what + " to " + output, e);
    }
    CheckReport report = outcome.report();
    if (report.roots().isEmpty()) {
      getLog().info("walkspec: no specs in " + describeSources() + "; no " + what + " generated");
      return false;
    }
    report(report);
    if (report.hasErrors()) {
      throw new MojoFailureException(
          "walkspec: " + report.summary() + "; fix the errors listed above");
    }
    GenerateResult result = outcome.generated().orElseThrow();
    if (result.upToDate()) {
      getLog()
          .info(
              "walkspec: "
                  + what
                  + " in "
                  + relative(output.toPath())
                  + " are up to date (specs, parameters and walkspec version unchanged);"
                  + " nothing written");
    } else {
      int files = result.walkerFiles() + result.suiteFiles();
      getLog()
          .info(
              "walkspec: wrote "
                  + files
                  + " "
                  + what
                  + " to "
                  + relative(output.toPath())
                  + " from "
                  + report.roots().size()
                  + (report.roots().size() == 1 ? " spec" : " specs"));
      buildContext.refresh(output);
    }
    return true;
  }

  Set<String> operations() {
    return new LinkedHashSet<>(nonNull(operations));
  }

  Set<String> profiles() {
    return new LinkedHashSet<>(nonNull(profiles));
  }

  Optional<Path> path(File file) {
    return Optional.of(file.toPath());
  }
}
