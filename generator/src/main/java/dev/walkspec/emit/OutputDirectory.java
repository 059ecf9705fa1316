package dev.walkspec.emit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Writes generated sources into an output directory all at once: everything goes to a fresh
 * temporary directory beside it, which then replaces the old one. A failure halfway leaves the
 * previous output as it was; sources of operations that no longer exist disappear with the old
 * directory. A stamp (a digest of everything the output depends on) lets an unchanged run write
 * nothing at all.
 */
@API(status = INTERNAL)
public final class OutputDirectory {
  public static final String STAMP = ".walkspec-stamp";
  private final Path root;

  public OutputDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Whether the directory already holds output made from inputs with this stamp. */
  public boolean isCurrent(String stamp) {
    Path file = root.resolve(STAMP);
    try {
      return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          && Files.readString(file, StandardCharsets.UTF_8).equals(stamp);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Replaces the directory's content with these files and the stamp.
   *
   * @throws IllegalArgumentException if a file's path would leave the directory
   */
  public void replaceWith(List<GeneratedFile> files, String stamp) throws IOException {
    files.forEach(f -> safePath(f.relativePath()));
    if (Files.isSymbolicLink(root)) {
      throw new IllegalArgumentException(
          "output directory " + root + " is a symbolic link; give its real path");
    }
    refuseForeign();
    Path parent = Files.createDirectories(root.getParent());
    Path staging = Files.createTempDirectory(parent, "." + root.getFileName() + ".new-");
    try {
      readableByAll(staging);
      for (GeneratedFile file : files) {
        Path target = staging.resolve(safePath(file.relativePath()));
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.content(), StandardCharsets.UTF_8);
      }
      Files.writeString(staging.resolve(STAMP), stamp, StandardCharsets.UTF_8);
      swapIn(staging, parent);
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * The directory is replaced as a whole, so it must be walkspec's own: absent, empty, or holding
   * the stamp of an earlier generation; never a file or a directory of someone else's files (the
   * project, the working directory, the file system root).
   */
  private void refuseForeign() throws IOException {
    if (root.getParent() == null) {
      throw new IllegalArgumentException(
          "output directory "
              + root
              + " is a file system root; give walkspec a directory of its own");
    }
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(
          "output directory " + root + " is a file; give walkspec a directory of its own");
    }
    if (Files.isRegularFile(root.resolve(STAMP), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException(
            "output directory "
                + root
                + " holds files walkspec did not write, and generation replaces the whole"
                + " directory; give walkspec an empty directory of its own");
      }
    }
  }

  private void swapIn(Path staging, Path parent) throws IOException {
    Optional<Path> old = Optional.empty();
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      Path aside = Files.createTempDirectory(parent, "." + root.getFileName() + ".old-");
      Files.delete(aside);
      move(root, aside);
      old = Optional.of(aside);
    }
    try {
      move(staging, root);
    } catch (IOException e) {
      if (old.isPresent()) {
        move(old.get(), root);
      }
      throw e;
    }
    if (old.isPresent()) {
      deleteTree(old.get());
    }
  }

  /** Temporary directories are private; the output directory should not be. */
  private static void readableByAll(Path dir) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** A relative path that stays inside the output directory, or IllegalArgumentException. */
  static Path safePath(String relative) {
    Path path = Path.of(relative);
    Path normalized = path.normalize();
    if (path.isAbsolute()
        || relative.isEmpty()
        || normalized.startsWith("..")
        || !normalized.equals(path)
        || relative.contains("\\")
        || relative.contains(":")) {
      throw new IllegalArgumentException(
          "generated file " + relative + " would be written outside the output directory");
    }
    return normalized;
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
