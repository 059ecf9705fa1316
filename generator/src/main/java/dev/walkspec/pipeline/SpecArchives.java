package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apiguardian.api.API;

/**
 * Unpacks the specs of a {@link SpecArchive} ({@code walkspec/**.walk}) to a directory of their
 * own, keeping the paths below {@code walkspec/}, so that they can be imported and selected like
 * files on disk. A file is written only when its content changed, and specs the archive no longer
 * has are removed, so an unchanged dependency leaves the directory exactly as it was.
 */
@API(status = INTERNAL)
public final class SpecArchives {
  /** Where specs live inside an archive. */
  public static final String PREFIX = "walkspec/";

  private static final long MAX_BYTES = 16L * 1024 * 1024;

  private SpecArchives() {}

  /**
   * Unpacks {@code archive} to {@code root/<name>} and returns that directory.
   *
   * @throws BuildProblem if the archive holds no spec or cannot be read
   */
  public static Path unpack(SpecArchive archive, Path root) {
    Path target = root.toAbsolutePath().normalize().resolve(archive.name());
    SortedMap<String, byte[]> specs;
    try {
      specs = Files.isDirectory(archive.file()) ? fromDirectory(archive) : fromJar(archive);
    } catch (IOException e) {
      throw new BuildProblem(
          "cannot read spec artifact " + archive.coordinates() + " (" + archive.file() + "): " + e,
          e);
    }
    if (specs.isEmpty()) {
      throw new BuildProblem(
          "spec artifact "
              + archive.coordinates()
              + " holds no .walk files under "
              + PREFIX
              + "; list only artifacts that package specs there in specArtifacts");
    }
    try {
      write(specs, target);
    } catch (IOException e) {
      throw new BuildProblem("cannot unpack specs to " + target + ": " + e, e);
    }
    return target;
  }

  private static SortedMap<String, byte[]> fromJar(SpecArchive archive) throws IOException {
    SortedMap<String, byte[]> specs = new TreeMap<>();
    try (ZipFile jar = new ZipFile(archive.file().toFile())) {
      Enumeration<? extends ZipEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (entry.isDirectory() || !name.startsWith(PREFIX) || !name.endsWith(".walk")) {
          continue;
        }
        String relative = safe(name.substring(PREFIX.length()), archive);
        try (InputStream in = jar.getInputStream(entry)) {
          byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
          if (bytes.length > MAX_BYTES) {
            throw new BuildProblem(
                "spec " + name + " in " + archive.coordinates() + " is larger than 16 MiB");
          }
          specs.put(relative, bytes);
        }
      }
    }
    return specs;
  }

  /** A reactor dependency that is compiled but not packaged yet: its output directory. */
  private static SortedMap<String, byte[]> fromDirectory(SpecArchive archive) throws IOException {
    SortedMap<String, byte[]> specs = new TreeMap<>();
    Path base = archive.file().resolve(PREFIX);
    if (!Files.isDirectory(base)) {
      return specs;
    }
    for (Path file : SpecSources.walkFiles(base)) {
      String relative = base.relativize(file).toString().replace('\\', '/');
      specs.put(safe(relative, archive), Files.readAllBytes(file));
    }
    return specs;
  }

  /** A relative path that stays below the target directory. */
  private static String safe(String relative, SpecArchive archive) {
    if (!SpecSources.isPlainRelative(relative)) {
      throw new BuildProblem(
          "spec artifact "
              + archive.coordinates()
              + " has an entry "
              + PREFIX
              + relative
              + " that would be unpacked outside its directory; the artifact is broken");
    }
    return relative;
  }

  private static void write(SortedMap<String, byte[]> specs, Path target) throws IOException {
    if (Files.isSymbolicLink(target)) {
      throw new BuildProblem(
          "spec artifact directory " + target + " is a symbolic link; delete it and build again");
    }
    Files.createDirectories(target);
    Path real = target.toRealPath();
    for (Map.Entry<String, byte[]> spec : specs.entrySet()) {
      Path file = target.resolve(spec.getKey());
      Files.createDirectories(file.getParent());
      // A symbolic link planted below the directory must not redirect the write elsewhere.
      if (!file.getParent().toRealPath().startsWith(real)) {
        throw new BuildProblem(
            "spec artifact directory "
                + target
                + " has a symbolic link on the way to "
                + spec.getKey()
                + "; delete the directory and build again");
      }
      if (Files.isSymbolicLink(file)) {
        Files.delete(file);
      }
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          && Arrays.equals(Files.readAllBytes(file), spec.getValue())) {
        continue;
      }
      Files.write(file, spec.getValue());
    }
    List<Path> stale = new ArrayList<>();
    for (Path file : SpecSources.walkFiles(target)) {
      String relative = target.relativize(file).toString().replace('\\', '/');
      if (!specs.containsKey(relative)) {
        stale.add(file);
      }
    }
    for (Path file : stale) {
      Files.delete(file);
    }
  }
}
