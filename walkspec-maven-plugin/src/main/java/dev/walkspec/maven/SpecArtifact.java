package dev.walkspec.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A dependency of the project whose specs ({@code walkspec/*.walk} in its jar) the plugin unpacks
 * to {@code target/walkspec-specs/<artifactId>/}, where they can be imported and selected with
 * {@code specs}. Configured as
 *
 * <pre>{@code
 * <specArtifact>
 *   <groupId>dev.walkspec</groupId>
 *   <artifactId>walkspec-spec</artifactId>
 * </specArtifact>
 * }</pre>
 *
 * <p>The artifact must be among the project's resolved dependencies, in any scope (walkspec-spec
 * comes with walkspec-harness, the suites' test dependency); its version is the one the project
 * resolves.
 *
 * @since 0.1.0
 */
@API(status = INTERNAL)
public class SpecArtifact {
  /**
   * The group id.
   *
   * @since 0.1.0
   */
  private String groupId;

  /**
   * The artifact id; also the name of the directory its specs are unpacked to.
   *
   * @since 0.1.0
   */
  private String artifactId;

  /**
   * The classifier, if the specs are in a classified jar.
   *
   * @since 0.1.0
   */
  private String classifier;

  public SpecArtifact() {}

  SpecArtifact(String groupId, String artifactId) {
    this.groupId = groupId;
    this.artifactId = artifactId;
  }

  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public String getArtifactId() {
    return artifactId;
  }

  public void setArtifactId(String artifactId) {
    this.artifactId = artifactId;
  }

  public String getClassifier() {
    return classifier;
  }

  public void setClassifier(String classifier) {
    this.classifier = classifier;
  }

  /** {@code group:artifact[:classifier]}. */
  @Override
  public String toString() {
    return groupId
        + ":"
        + artifactId
        + (classifier == null || classifier.isEmpty() ? "" : ":" + classifier);
  }
}
