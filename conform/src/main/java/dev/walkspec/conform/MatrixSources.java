package dev.walkspec.conform;

import dev.walkspec.emit.GeneratedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The sources of the matrix's suites: each suite's own, in a group of its own (its package, so that
 * groups compile apart), and those the suites of a spec share (the spec's image and its walkers, in
 * the spec's shared package), each once and compiled first.
 */
final class MatrixSources {
  private final Map<String, GeneratedFile> shared = new TreeMap<>();
  private final List<List<GeneratedFile>> groups = new ArrayList<>();

  /**
   * Adds the files of one suite, the suite first, made with {@code sharedPackage}: those in that
   * package are shared (a file another suite brought already must be the same), the rest are the
   * suite's group.
   */
  void addSuite(List<GeneratedFile> files, String sharedPackage) {
    String sharedDir = sharedPackage.replace('.', '/') + "/";
    List<GeneratedFile> own = new ArrayList<>();
    for (GeneratedFile file : files) {
      if (file.relativePath().startsWith(sharedDir)) {
        addShared(file);
      } else {
        own.add(file);
      }
    }
    groups.add(List.copyOf(own));
  }

  /** Adds a shared file, once; another with the same path must have the same content. */
  void addShared(GeneratedFile file) {
    GeneratedFile before = shared.putIfAbsent(file.relativePath(), file);
    if (before != null && !before.content().equals(file.content())) {
      throw new IllegalStateException(
          "two suites of one spec generated different " + file.relativePath());
    }
  }

  List<GeneratedFile> shared() {
    return List.copyOf(shared.values());
  }

  List<List<GeneratedFile>> groups() {
    return List.copyOf(groups);
  }

  /** Every source: the shared ones, then each group's. */
  List<GeneratedFile> all() {
    return Stream.concat(shared.values().stream(), groups.stream().flatMap(List::stream)).toList();
  }
}
