package dev.walkspec.maven;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Generates the walkers of the specs (one per operation and profile, plus a generic walker) into
 * {@code outputDirectory} and adds it as a source root. The directory is replaced as a whole, so
 * sources of operations that were removed disappear; when neither the specs, the parameters nor the
 * walkspec version changed, nothing is written.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "generate",
    defaultPhase = LifecyclePhase.GENERATE_SOURCES,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class GenerateMojo extends AbstractGenerateMojo {
  @Inject
  public GenerateMojo(BuildContext buildContext) {
    super(buildContext);
  }

  /**
   * Where the walker sources go. walkspec owns this directory and replaces it as a whole: it must
   * not hold anything else. A directory outside {@code target} is allowed when set explicitly.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/walkspec")
  File outputDirectory;

  /**
   * Skips generating the walkers; the output directory is then not a source root.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.generate.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoFailureException, MojoExecutionException {
    if (skip) {
      getLog().info("walkspec: generate skipped");
      return;
    }
    boolean generated =
        generate(
            request(
                path(outputDirectory),
                Optional.empty(),
                basePackage,
                operations(),
                profiles(),
                Map.of(),
                List.of()),
            outputDirectory,
            "walker sources");
    if (generated) {
      project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    }
  }
}
