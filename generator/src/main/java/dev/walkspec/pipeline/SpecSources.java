package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The specs a build works on: the root files to check and generate, and the import path (the spec
 * directories, then the directories of unpacked spec artifacts).
 *
 * <p>Without a selection, the roots are every {@code .walk} file in the spec directories and their
 * subdirectories, sorted by path, directory by directory. A selection names root files by path
 * relative to a spec directory or to an unpacked artifact directory, tried in that order.
 */
@API(status = INTERNAL)
public record SpecSources(List<Path> roots, List<Path> importPath) {
  public SpecSources {
    roots = List.copyOf(roots);
    importPath = List.copyOf(importPath);
  }

  public static SpecSources resolve(
      List<Path> specDirectories, List<Path> artifactDirectories, List<String> selected) {
    List<Path> directories = new ArrayList<>();
    specDirectories.stream()
        .map(SpecSources::absolute)
        .filter(Files::isDirectory)
        .forEach(directories::add);
    artifactDirectories.stream().map(SpecSources::absolute).forEach(directories::add);
    List<Path> importPath = directories.stream().distinct().toList();
    Set<Path> roots = new LinkedHashSet<>();
    if (selected.isEmpty()) {
      for (Path dir : specDirectories.stream().map(SpecSources::absolute).distinct().toList()) {
        if (Files.isDirectory(dir)) {
          roots.addAll(walkFiles(dir));
        }
      }
    } else {
      for (String name : selected) {
        roots.add(find(name, importPath));
      }
    }
    return new SpecSources(List.copyOf(roots), importPath);
  }

  /** The file a selected name stands for: the first directory of the import path holding it. */
  static Path find(String name, List<Path> directories) {
    String relative = name.trim().replace('\\', '/');
    if (!isPlainRelative(relative)) {
      throw new BuildProblem(
          "spec '"
              + name
              + "' must be a relative path without '..', such as kvm.walk or arch/x86.walk");
    }
    for (Path dir : directories) {
      Path file = dir.resolve(relative).normalize();
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new BuildProblem(
        "spec "
            + relative
            + " is in none of "
            + (directories.isEmpty()
                ? "the spec directories (none exists)"
                : directories.stream().map(Path::toString).collect(Collectors.joining(", ")))
            + "; give its path relative to one of them");
  }

  /** A forward-slash relative path that stays below the directory it is resolved against. */
  static boolean isPlainRelative(String relative) {
    if (relative.isEmpty()
        || relative.startsWith("/")
        || relative.contains("\\")
        || relative.contains(":")
        || relative.contains("\0")) {
      return false;
    }
    for (String part : relative.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** The {@code .walk} files below {@code dir}, sorted by their relative path. */
  static List<Path> walkFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".walk"))
          .sorted(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the specs in " + dir, e);
    }
  }

  private static Path absolute(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
