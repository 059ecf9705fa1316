package dev.walkspec.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.pipeline.BuildProblem;
import dev.walkspec.pipeline.Builds;
import dev.walkspec.pipeline.CGeneration;
import dev.walkspec.pipeline.CheckReport;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apiguardian.api.API;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Generates the walkers of the specs (one per operation and profile, plus a generic walker) into
 * {@code outputDirectory} and adds it as a source root. The directory is replaced as a whole, so
 * sources of operations that were removed disappear; when neither the specs, the parameters nor the
 * walkspec version changed, nothing is written. With {@code c} among the {@code languages}, it also
 * renders each spec as kernel C and Kconfig into {@code cOutputDirectory}.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "generate",
    defaultPhase = LifecyclePhase.GENERATE_SOURCES,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
@API(status = INTERNAL)
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
   * What to generate, as a list or comma-separated: {@code java}, the walkers (into {@code
   * outputDirectory}, a source root), and {@code c}, each spec rendered the way the kernel writes
   * the walk (into {@code cOutputDirectory}: {@code virt/kvm/kvm_main.c}, {@code
   * include/linux/kvm_host.h}, {@code virt/kvm/Kconfig} and {@code arch/ARCH/kvm/Kconfig} per spec;
   * see docs/kernel.md). The C rendering covers every operation and profile whatever {@code
   * operations} and {@code profiles} select.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.languages", defaultValue = "java")
  List<String> languages;

  /**
   * Where the C rendering goes when {@code languages} has {@code c}: one directory per spec, named
   * after it ({@code kvm.walk} gives {@code kvm/}), laid out as a kernel tree, so that {@code
   * walkspec kernel-check} can take it as one. walkspec owns this directory and replaces it as a
   * whole. It is not a source root: Maven does not compile C.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/walkspec-c")
  File cOutputDirectory;

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
    Set<String> wanted = languages();
    if (wanted.contains(JAVA)) {
      generateJava();
    }
    if (wanted.contains(C)) {
      generateC();
    }
  }

  private static final String JAVA = "java";
  private static final String C = "c";

  /** The languages asked for; an unknown one fails the build before anything is written. */
  Set<String> languages() throws MojoFailureException {
    Set<String> wanted = new LinkedHashSet<>();
    for (String entry : languages == null ? List.of(JAVA) : languages) {
      for (String language : entry.split(",")) {
        String trimmed = language.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.equals(JAVA) && !trimmed.equals(C)) {
          throw new MojoFailureException(
              "languages names '" + language.trim() + "'; use java, c or both (java,c)");
        }
        wanted.add(trimmed);
      }
    }
    return wanted;
  }

  private void generateJava() throws MojoFailureException, MojoExecutionException {
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

  private void generateC() throws MojoFailureException, MojoExecutionException {
    Builds.COutcome outcome;
    try {
      outcome =
          Builds.generateC(
              request(
                  Optional.empty(),
                  Optional.empty(),
                  basePackage,
                  operations(),
                  profiles(),
                  Map.of(),
                  List.of()),
              cOutputDirectory.toPath());
    } catch (BuildProblem e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "walkspec: cannot write the C rendering to " + cOutputDirectory, e);
    }
    CheckReport report = outcome.report();
    if (report.roots().isEmpty()) {
      getLog().info("walkspec: no specs in " + describeSources() + "; no C rendered");
      return;
    }
    report(report);
    if (report.hasErrors()) {
      throw new MojoFailureException(
          "walkspec: " + report.summary() + "; fix the errors listed above");
    }
    CGeneration.Result result = outcome.rendered().orElseThrow();
    String where = relative(cOutputDirectory.toPath());
    if (result.upToDate()) {
      getLog().info("walkspec: the C rendering in " + where + " is up to date; nothing written");
    } else {
      getLog().info("walkspec: wrote " + result.files() + " C and Kconfig files to " + where);
      buildContext.refresh(cOutputDirectory);
    }
  }
}
