package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A dependency that carries specs: a jar (or, inside a reactor build, its class output directory)
 * with {@code .walk} files under {@code walkspec/}, like the walkspec-spec module's.
 *
 * @param name the directory the specs are unpacked to (the artifact id), a plain file name
 * @param coordinates how the build names the artifact, for messages ({@code group:artifact})
 * @param file the jar or directory
 */
@API(status = INTERNAL)
public record SpecArchive(String name, String coordinates, Path file) {
  public SpecArchive {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(coordinates, "coordinates");
    Objects.requireNonNull(file, "file");
    if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]*") || name.contains("..")) {
      throw new BuildProblem(
          "spec artifact name '" + name + "' is not a plain directory name; use its artifact id");
    }
  }
}
