package dev.walkspec.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.sonatype.plexus.build.incremental.BuildContext;

/** The goals that work on a set of root specs: check, generate, generate-tests. */
abstract class AbstractSpecsMojo extends AbstractWalkspecMojo {
  AbstractSpecsMojo(BuildContext buildContext) {
    super(buildContext);
  }

  /**
   * The root specs to use, by path relative to a spec directory or to an unpacked spec artifact
   * (looked up in that order), such as {@code kvm.walk}. Empty: every {@code .walk} file of the
   * spec directories.
   *
   * @since 0.1.0
   */
  @Parameter(property = "walkspec.specs")
  List<String> specs;

  @Override
  List<String> selectedSpecs() {
    return nonNull(specs).stream().filter(s -> !s.isBlank()).map(String::trim).toList();
  }
}
