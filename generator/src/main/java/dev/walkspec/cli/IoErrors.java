package dev.walkspec.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An I/O failure as one sentence that says what failed and why: "cannot read F: no such file",
 * "cannot write D: permission denied". The JDK's file exceptions carry only the path as their
 * message, which alone says neither.
 */
final class IoErrors {
  /** The methods of {@link java.nio.file.Files} that change the file system. */
  private static final Set<String> WRITES =
      Set.of(
          "write",
          "writeString",
          "newOutputStream",
          "newBufferedWriter",
          "createDirectory",
          "createDirectories",
          "createFile",
          "createTempFile",
          "createTempDirectory",
          "createLink",
          "createSymbolicLink",
          "move",
          "copy",
          "delete",
          "deleteIfExists",
          "setAttribute",
          "setLastModifiedTime",
          "setPosixFilePermissions");

  private IoErrors() {}

  /** The sentence for {@code e}, if it is (or merely wraps) an I/O failure. */
  static Optional<String> describe(Throwable e) {
    Throwable t = e;
    // Wrappers that add nothing of their own (no message, or just the cause's) are looked through.
    while (!(t instanceof IOException) && t.getCause() != null && addsNothing(t)) {
      t = t.getCause();
    }
    if (t instanceof FileSystemException fs) {
      String file = fs.getFile() == null ? "a file" : fs.getFile();
      return Optional.of("cannot " + verb(fs) + " " + file + ": " + reason(fs));
    }
    if (t instanceof FileNotFoundException missing) {
      // java.io's streams: "PATH (REASON)".
      String message = missing.getMessage() == null ? "" : missing.getMessage();
      int open = message.lastIndexOf(" (");
      String file = open < 0 ? message : message.substring(0, open);
      String why =
          open < 0
              ? "no such file"
              : message.substring(open + 2, message.length() - 1).toLowerCase(Locale.ROOT);
      return Optional.of("cannot " + verb(missing) + " " + file + ": " + why);
    }
    if (t instanceof IOException io) {
      return Optional.of("I/O error: " + (io.getMessage() == null ? io : io.getMessage()));
    }
    return Optional.empty();
  }

  private static boolean addsNothing(Throwable t) {
    return t instanceof UncheckedIOException
        || t.getMessage() == null
        || t.getMessage().equals(t.getCause().toString());
  }

  /**
   * Read or write, by the outermost call into {@code java.nio.file.Files} (or java.io's output
   * streams) on the stack: the operation the caller asked for, not the channel it opened.
   */
  private static String verb(Throwable e) {
    String outermost = null;
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().equals("java.nio.file.Files")) {
        outermost = frame.getMethodName();
      }
      if (frame.getClassName().equals("java.io.FileOutputStream")
          || frame.getClassName().equals("java.io.FileWriter")) {
        return "write";
      }
    }
    return outermost != null && WRITES.contains(outermost) ? "write" : "read";
  }

  private static String reason(FileSystemException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      // createDirectories says so of a file where the directory should be.
      return e.getFile() != null && Files.isRegularFile(Path.of(e.getFile()))
          ? "a file is in the way of the directory"
          : "it already exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the directory is not empty";
    }
    if (e instanceof FileSystemLoopException) {
      return "a loop of symbolic links";
    }
    String why = e.getReason();
    return why == null || why.isBlank()
        ? e.getClass().getSimpleName()
        : why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1);
  }
}
