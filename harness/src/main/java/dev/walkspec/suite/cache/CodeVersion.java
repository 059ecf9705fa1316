package dev.walkspec.suite.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The content hash of walkspec's own code (the runtime, the generator with the harness, conform):
 * every byte of the jars or class directories they are loaded from, with the version. A rebuilt
 * walkspec with any change, even at the same version, is another walkspec.
 */
@API(status = INTERNAL)
public final class CodeVersion {
  private final Set<Path> sources;
  private final String hash;

  private CodeVersion(Set<Path> sources, String hash) {
    this.sources = sources;
    this.hash = hash;
  }

  /**
   * The code sources of these classes (one per module).
   *
   * @param version walkspec's version, hashed with the bytes
   */
  public static CodeVersion of(List<Class<?>> anchors, String version) {
    Set<Path> sources = new LinkedHashSet<>();
    anchors.forEach(c -> sources.add(location(c)));
    Digest digest = new Digest().add(version);
    sources.forEach(source -> hashSource(source, digest));
    return new CodeVersion(Set.copyOf(sources), digest.hex());
  }

  public String hash() {
    return hash;
  }

  /** Whether a class resource comes from one of these code sources (already in the hash). */
  public boolean covers(URL resource) {
    String text = resource.toString();
    for (Path source : sources) {
      String uri = source.toUri().toString();
      if (text.startsWith(uri) || text.startsWith("jar:" + uri)) {
        return true;
      }
    }
    return false;
  }

  private static Path location(Class<?> anchor) {
    CodeSource source = anchor.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("no code source for " + anchor.getName());
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("code source of " + anchor.getName(), e);
    }
  }

  private static void hashSource(Path source, Digest digest) {
    try {
      if (Files.isRegularFile(source)) {
        digest.add(source.getFileName().toString()).add(Files.readAllBytes(source));
        return;
      }
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          digest.add(source.relativize(file).toString()).add(Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash walkspec's code in " + source, e);
    }
  }
}
