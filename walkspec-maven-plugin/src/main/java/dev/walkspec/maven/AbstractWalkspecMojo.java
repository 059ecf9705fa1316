package dev.walkspec.maven;

import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.Severity;
import dev.walkspec.pipeline.BuildRequest;
import dev.walkspec.pipeline.CheckReport;
import dev.walkspec.pipeline.SpecArchive;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * What every walkspec goal shares: where the specs are and which ones to use. The goals only turn
 * their parameters into a {@link BuildRequest} and hand it to the generator ({@code
 * dev.walkspec.pipeline.Builds}); they then report what it gave.
 */
abstract class AbstractWalkspecMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** Errors on spec files and refreshed output directories in IDEs; plain files on the CLI. */
  final BuildContext buildContext;

  AbstractWalkspecMojo(BuildContext buildContext) {
    this.buildContext = buildContext;
  }

  /**
   * Directories holding the project's specs. Every {@code .walk} file in them (subdirectories
   * included) is a root spec unless {@code specs} selects some; all of them are on the import path.
   * Directories that do not exist are skipped.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.basedir}/src/main/walkspec")
  List<File> specDirectories;

  /**
   * Dependencies whose specs ({@code walkspec/**.walk} in the jar) are unpacked to {@code
   * target/walkspec-specs/<artifactId>/} and put on the import path after the spec directories.
   * Their specs are roots only when {@code specs} names them: with the walkspec-spec artifact,
   * {@code <specs><spec>kvm.walk</spec></specs>} generates for the canonical spec.
   *
   * @since 0.1.0
   */
  @Parameter List<SpecArtifact> specArtifacts;

  /**
   * Where spec artifacts are unpacked, one directory per artifact id. Generated suites name specs
   * by their path here, so it is fixed.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.build.directory}/walkspec-specs", readonly = true)
  File specArtifactsDirectory;

  /** The request for this goal. */
  BuildRequest request(
      Optional<Path> walkerOutput,
      Optional<Path> suiteOutput,
      String basePackage,
      Set<String> operations,
      Set<String> profiles,
      Map<String, String> handlerClasses,
      List<String> handlerClasspath)
      throws MojoFailureException {
    return new BuildRequest(
        project.getBasedir().toPath(),
        nonNull(specDirectories).stream().map(File::toPath).toList(),
        archives(),
        specArtifactsDirectory.toPath(),
        selectedSpecs(),
        walkerOutput,
        suiteOutput,
        basePackage,
        operations,
        profiles,
        handlerClasses,
        handlerClasspath.stream().map(Path::of).toList());
  }

  /** The root specs the goal works on; empty: every spec of the spec directories. */
  List<String> selectedSpecs() {
    return List.of();
  }

  /** The spec artifacts, found among the project's resolved dependencies. */
  List<SpecArchive> archives() throws MojoFailureException {
    List<SpecArchive> archives = new ArrayList<>();
    for (SpecArtifact wanted : nonNull(specArtifacts)) {
      if (wanted.getGroupId() == null || wanted.getArtifactId() == null) {
        throw new MojoFailureException(
            "a specArtifact needs both groupId and artifactId; complete " + wanted);
      }
      Artifact found = null;
      for (Artifact artifact : project.getArtifacts()) {
        if (artifact.getGroupId().equals(wanted.getGroupId())
            && artifact.getArtifactId().equals(wanted.getArtifactId())
            && classifierMatches(wanted.getClassifier(), artifact.getClassifier())) {
          found = artifact;
          break;
        }
      }
      if (found == null) {
        throw new MojoFailureException(
            "spec artifact "
                + wanted
                + " is not a dependency of this project; add it to <dependencies>"
                + " (scope test is enough)");
      }
      if (found.getFile() == null || !found.getFile().exists()) {
        throw new MojoFailureException(
            "spec artifact " + found + " is not resolved to a file; build or install it first");
      }
      archives.add(
          new SpecArchive(found.getArtifactId(), wanted.toString(), found.getFile().toPath()));
    }
    return archives;
  }

  private static boolean classifierMatches(String wanted, String actual) {
    boolean none = wanted == null || wanted.isEmpty();
    return none ? actual == null || actual.isEmpty() : wanted.equals(actual);
  }

  /**
   * Logs every diagnostic (file:line:col, code, message, the line and a caret) and attaches it to
   * its spec file where the build context shows such markers (IDEs).
   */
  void report(CheckReport report) {
    Set<File> files = new LinkedHashSet<>();
    for (String shown : report.sources().keySet()) {
      files.add(fileOf(shown));
    }
    files.forEach(buildContext::removeMessages);
    for (Diagnostic d : report.diagnostics()) {
      String text = report.text(d).stripTrailing();
      boolean error = d.severity() == Severity.ERROR;
      if (error) {
        getLog().error(text);
      } else {
        getLog().warn(text);
      }
      buildContext.addMessage(
          fileOf(d.pos().file()),
          d.pos().line(),
          d.pos().column(),
          d.code() + " " + d.message(),
          error ? BuildContext.SEVERITY_ERROR : BuildContext.SEVERITY_WARNING,
          null);
    }
  }

  /** Diagnostics name files relative to the project directory (or absolute, outside it). */
  File fileOf(String shown) {
    return project.getBasedir().toPath().resolve(shown).normalize().toFile();
  }

  /** "src/main/walkspec" for messages. */
  String describeSources() {
    List<String> places = new ArrayList<>();
    for (File dir : nonNull(specDirectories)) {
      places.add(relative(dir.toPath()));
    }
    for (SpecArtifact artifact : nonNull(specArtifacts)) {
      places.add(artifact.toString());
    }
    return places.isEmpty() ? "(no spec directory)" : String.join(", ", places);
  }

  String relative(Path path) {
    Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(base)
        ? base.relativize(absolute).toString().replace('\\', '/')
        : absolute.toString();
  }

  static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
