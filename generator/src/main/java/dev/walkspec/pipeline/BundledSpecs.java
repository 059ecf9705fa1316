package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The specs of the walkspec-spec jar ({@code walkspec/*.walk} on the class path): the canonical
 * {@code kvm.walk} and its variants. When they sit in a jar they are copied once to a temporary
 * directory, so that imports between them resolve like files on disk.
 */
@API(status = INTERNAL)
public final class BundledSpecs {
  public static final String CANONICAL = "kvm.walk";
  private static final String ANCHOR = "walkspec/" + CANONICAL;
  private static Path directory;

  private BundledSpecs() {}

  /** The directory holding the bundled specs. */
  public static synchronized Path directory() {
    if (directory == null) {
      directory = locate();
    }
    return directory;
  }

  /** The bundled spec files, sorted by name, the canonical one first. */
  public static List<Path> files() {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".walk"))
          .sorted(
              (a, b) -> {
                boolean aCanonical = a.getFileName().toString().equals(CANONICAL);
                boolean bCanonical = b.getFileName().toString().equals(CANONICAL);
                return aCanonical != bCanonical
                    ? (aCanonical ? -1 : 1)
                    : a.getFileName().toString().compareTo(b.getFileName().toString());
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the bundled specs", e);
    }
  }

  public static Path file(String name) {
    Path file = directory().resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no bundled spec named " + name);
    }
    return file;
  }

  private static Path locate() {
    URL anchor = BundledSpecs.class.getClassLoader().getResource(ANCHOR);
    if (anchor == null) {
      throw new IllegalStateException(
          "the walkspec-spec jar is not on the class path (no " + ANCHOR + ")");
    }
    try {
      URI uri = anchor.toURI();
      if (uri.getScheme().equals("file")) {
        return Path.of(uri).getParent();
      }
      return extract(uri);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the bundled specs from " + anchor, e);
    }
  }

  private static Path extract(URI inJar) throws IOException {
    Path target = Files.createTempDirectory("walkspec-specs");
    try (FileSystem jar = FileSystems.newFileSystem(inJar, Map.of());
        Stream<Path> files = Files.list(jar.provider().getPath(inJar).getParent())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(
            file,
            target.resolve(file.getFileName().toString()),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    target.toFile().deleteOnExit();
    try (Stream<Path> copied = Files.list(target)) {
      copied.forEach(p -> p.toFile().deleteOnExit());
    }
    return target;
  }
}
