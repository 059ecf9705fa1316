package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.Generator;
import dev.walkspec.emit.GeneratorOptions;
import dev.walkspec.emit.SourceCompiler;
import dev.walkspec.suite.HandlerSuite;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The handler suite of one handler class in one operation on one profile, generated and compiled
 * the way {@code walkspec conform} and a downstream build do: {@code walkspec replay} and {@code
 * walkspec explore} run the explored scenarios of that suite (aging-vs-zap, unmap-vs-root-free,
 * ...) on it, with the very walker and handler wiring the suite's own test runs.
 */
@API(status = INTERNAL)
public final class ExploredSuites {
  private ExploredSuites() {}

  /**
   * The handler classes under test: one per handler kind, the arch's locked writer, and the
   * profiles they belong to (empty: any profile).
   */
  public record Handlers(
      Map<String, String> byKind, Optional<String> writer, List<String> profiles) {
    public Handlers {
      byKind = Map.copyOf(byKind);
      profiles = List.copyOf(profiles);
    }

    /** Whether these handlers have a class for the binding's handler kind on its profile. */
    public boolean cover(Binding binding) {
      return (profiles.isEmpty() || profiles.contains(binding.profile().name()))
          && binding.handlerKind().filter(byKind::containsKey).isPresent();
    }
  }

  /**
   * The handler suite of {@code kind} in {@code binding} and the generated walkers it drives, the
   * suite first (its class is the one to run). The suite covers the binding's operation and every
   * operation of the profile that ends an invalidation (C2), so that unmap's scenario can end what
   * it began. Without {@code sharedPackage} the spec image the suite reads comes right after it,
   * and the walkers are in the suite's package. With one, the suite reads the image in that
   * package, which other suites of the spec share and which is not among the files ({@link
   * #specImage} makes it), and the walkers are in that package too: every suite of the spec that
   * drives a walker comes with the same file for it, to be compiled once.
   */
  public static List<GeneratedFile> sources(
      CheckedSpec spec,
      String specPath,
      Binding binding,
      String kind,
      Handlers handlers,
      String basePackage,
      int tries,
      String seed,
      Optional<String> sharedPackage) {
    String profile = binding.profile().name();
    Set<String> operations = new TreeSet<>();
    operations.add(binding.operation().id().text());
    spec.bindings().stream()
        .filter(b -> b.profile().name().equals(profile))
        .filter(
            b ->
                b.callbacks().values().stream()
                    .anyMatch(v -> v.filter("invalidate_end"::equals).isPresent()))
        .forEach(b -> operations.add(b.operation().id().text()));
    Map<String, String> classes = new HashMap<>();
    classes.put(profile + "/" + kind, handlers.byKind().get(kind));
    handlers.writer().ifPresent(w -> classes.put(profile + "/writer", w));
    GeneratorOptions options =
        new GeneratorOptions(
            basePackage, operations, Set.of(profile), classes, specPath, List.of(), tries, seed);
    Generator generator = new Generator(spec, options, sharedPackage.orElse(null));
    List<GeneratedFile> suites = new ArrayList<>(generator.handlerSuites());
    Optional<GeneratedFile> image =
        sharedPackage.isPresent()
            ? Optional.empty()
            : Optional.of(
                suites.stream()
                    .filter(f -> f.relativePath().equals(generator.specImagePath()))
                    .findFirst()
                    .orElseThrow());
    image.ifPresent(suites::remove);
    if (suites.size() != 1) {
      throw new IllegalStateException(
          "expected one handler suite for "
              + kind
              + " in "
              + binding.displayName()
              + ", got "
              + suites.size());
    }
    List<GeneratedFile> files = new ArrayList<>(suites);
    image.ifPresent(files::add);
    files.addAll(generator.walkers());
    return files;
  }

  /** The spec image in {@code imagePackage} that suites given it as {@code sharedPackage} read. */
  public static GeneratedFile specImage(CheckedSpec spec, String specPath, String imagePackage) {
    GeneratorOptions options =
        new GeneratorOptions(imagePackage, Set.of(), Set.of(), Map.of(), specPath);
    return new Generator(spec, options, imagePackage).specImage();
  }

  /** The binding a display name ("clear_young[x86]") or "OPERATION[PROFILE]" names. */
  public static Optional<Binding> binding(CheckedSpec spec, String name) {
    return spec.bindings().stream()
        .filter(
            b ->
                b.displayName().equals(name)
                    || (b.operation().id().text() + "[" + b.profile().name() + "]").equals(name))
        .findFirst();
  }

  /** A compiled suite, loaded; closing it closes its class loader and deletes its classes. */
  public static final class Loaded implements AutoCloseable {
    private final Path work;
    private final URLClassLoader loader;
    private final HandlerSuite suite;

    private Loaded(Path work, URLClassLoader loader, HandlerSuite suite) {
      this.work = work;
      this.loader = loader;
      this.suite = suite;
    }

    public HandlerSuite suite() {
      return suite;
    }

    @Override
    public void close() throws IOException {
      loader.close();
      try (var files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /**
   * Generates, compiles and loads the handler suite of {@code kind} in {@code binding}; the handler
   * classes are loaded from {@code classpath} (then from walkspec's own class path).
   */
  public static Loaded load(
      CheckedSpec spec,
      String specPath,
      Binding binding,
      String kind,
      Handlers handlers,
      List<Path> classpath)
      throws IOException, ReflectiveOperationException {
    List<GeneratedFile> sources =
        sources(
            spec,
            specPath,
            binding,
            kind,
            handlers,
            "dev.walkspec.replay",
            1,
            "",
            Optional.empty());
    Path work = Files.createTempDirectory("walkspec-replay");
    URLClassLoader loader = null;
    try {
      SourceCompiler.Result compiled = SourceCompiler.compile(sources, work, classpath);
      if (!compiled.problems().isEmpty()) {
        throw new UsageException(
            "the handler suite does not compile against the handler classes given: "
                + String.join("; ", compiled.problems()));
      }
      List<URL> urls = new ArrayList<>();
      urls.add(compiled.classes().toUri().toURL());
      for (Path entry : classpath) {
        urls.add(url(entry));
      }
      loader = new URLClassLoader(urls.toArray(URL[]::new), ExploredSuites.class.getClassLoader());
      String className = sources.get(0).relativePath().replace('/', '.').replaceAll("\\.java$", "");
      Class<?> type = Class.forName(className, true, loader);
      Field field = type.getDeclaredField("SUITE");
      field.setAccessible(true);
      return new Loaded(work, loader, (HandlerSuite) field.get(null));
    } catch (IOException | ReflectiveOperationException | RuntimeException | Error e) {
      if (loader != null) {
        loader.close();
      }
      try (var files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
      throw e;
    }
  }

  private static URL url(Path entry) throws MalformedURLException {
    return entry.toAbsolutePath().toUri().toURL();
  }
}
