package dev.walkspec.emit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apiguardian.api.API;

/**
 * Compiles generated sources in-process with javax.tools against the current class path, keeping
 * every diagnostic (warnings included): the tests demand none, and {@code walkspec conform}
 * compiles the suites it runs this way.
 */
@API(status = INTERNAL)
public final class SourceCompiler {
  /** The outcome: class output directory and every compiler diagnostic (warnings included). */
  public record Result(Path classes, List<String> problems) {}

  private SourceCompiler() {}

  public static Result compile(List<GeneratedFile> sources, Path workDir) throws IOException {
    return compile(sources, workDir, List.of());
  }

  /** Compiles against the current class path with {@code extra} entries (handler classes) first. */
  public static Result compile(List<GeneratedFile> sources, Path workDir, List<Path> extra)
      throws IOException {
    Path classes = Files.createDirectories(workDir.resolve("classes"));
    return new Result(classes, compileInto(write(sources, workDir), classes, extra));
  }

  /**
   * Compiles groups of sources that do not refer to each other (each its own packages) on {@code
   * threads} compiler tasks at once, into one class directory: the same classes as one task would
   * write, sooner on a machine with more than one core.
   */
  public static Result compileGroups(List<List<GeneratedFile>> groups, Path workDir, int threads)
      throws IOException, InterruptedException {
    return compileGroups(List.of(), groups, workDir, threads);
  }

  /**
   * {@link #compileGroups(List, Path, int)} where the groups may also refer to {@code shared}
   * (sources every group reads, such as one spec image for many suites): those are compiled first,
   * once, and the groups against them.
   */
  public static Result compileGroups(
      List<GeneratedFile> shared, List<List<GeneratedFile>> groups, Path workDir, int threads)
      throws IOException, InterruptedException {
    Path classes = Files.createDirectories(workDir.resolve("classes"));
    if (!shared.isEmpty()) {
      List<String> problems = compileInto(write(shared, workDir), classes, List.of());
      if (!problems.isEmpty()) {
        return new Result(classes, problems);
      }
    }
    List<Path> sharedClasses = shared.isEmpty() ? List.of() : List.of(classes);
    int tasks = Math.max(1, Math.min(threads, groups.size()));
    List<List<Path>> batches = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      batches.add(new ArrayList<>());
    }
    for (int i = 0; i < groups.size(); i++) {
      batches.get(i % tasks).addAll(write(groups.get(i), workDir));
    }
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    try {
      List<Future<List<String>>> running = new ArrayList<>();
      for (List<Path> batch : batches) {
        running.add(pool.submit(() -> compileInto(batch, classes, sharedClasses)));
      }
      List<String> problems = new ArrayList<>();
      for (Future<List<String>> task : running) {
        try {
          problems.addAll(task.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException("a compiler task failed", e.getCause());
        }
      }
      return new Result(classes, problems);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes the sources under {@code workDir/src}; the files written. */
  private static List<Path> write(List<GeneratedFile> sources, Path workDir) throws IOException {
    Path src = Files.createDirectories(workDir.resolve("src"));
    List<Path> files = new ArrayList<>();
    for (GeneratedFile file : sources) {
      Path path = src.resolve(file.relativePath());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.content(), StandardCharsets.UTF_8);
      files.add(path);
    }
    return files;
  }

  /** One compiler task over {@code files}; every diagnostic it gave. */
  private static List<String> compileInto(List<Path> files, Path classes, List<Path> extra)
      throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager manager =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "--release",
              "17",
              "-Xlint:all",
              "-proc:none",
              "-classpath",
              classPath(extra),
              "-d",
              classes.toString());
      StringWriter out = new StringWriter();
      compiler
          .getTask(
              out, manager, diagnostics, options, null, manager.getJavaFileObjectsFromPaths(files))
          .call();
      List<String> problems = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        problems.add(
            d.getKind()
                + " "
                + (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber())
                + " "
                + d.getMessage(Locale.ROOT));
      }
      if (!out.toString().isBlank()) {
        problems.add(out.toString());
      }
      return problems;
    }
  }

  private static String classPath(List<Path> extra) {
    List<String> entries = new ArrayList<>();
    extra.forEach(p -> entries.add(p.toAbsolutePath().toString()));
    entries.add(System.getProperty("java.class.path"));
    return String.join(File.pathSeparator, entries);
  }
}
