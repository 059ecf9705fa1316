package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.runtime.explore.Explorer;
import dev.walkspec.runtime.world.World;
import dev.walkspec.suite.cache.ClassClosure;
import dev.walkspec.suite.cache.CodeVersion;
import dev.walkspec.suite.cache.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Passed explorations of a build's generated suites, kept so that a rerun with nothing changed
 * explores nothing again (issue 19 item 3: a downstream {@code mvn verify}). On when {@value
 * #PROPERTY} names a directory (relative to the build's base directory), as a build cache is: a
 * choice of the build, not a default.
 *
 * <p>An entry is keyed by a SHA-256 over everything that decides the exploration: the bytes of the
 * suite class, of the handler (and writer) class it runs and of every class they reference,
 * transitively (the generated walker, the spec image, whatever they load; {@link ClassClosure}),
 * the bytes of walkspec's own code, the binding and handler named, the scenario, its preemption
 * bound, the budget and the Java version. Only passes are kept, and only exhaustive ones: a failure
 * or an inconclusive search runs again, so that its report is the one of this run. A class changed
 * in memory (a mutation tester's, an agent's) and not on disk is not seen: such runs must leave the
 * property unset.
 */
@API(status = EXPERIMENTAL)
public final class ExplorationCache {
  public static final String PROPERTY = "walkspec.explore.cache";

  private static CodeVersion code;

  /** A class's closure hash, once per class: a suite's scenarios share it. */
  private static final ClassValue<String> CLOSURES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          // The JDK's own classes have no loader object; they are not followed anyway.
          ClassLoader loader =
              type.getClassLoader() != null
                  ? type.getClassLoader()
                  : ClassLoader.getPlatformClassLoader();
          return new ClassClosure(loader, walkspecCode()::covers).hash(List.of(type.getName()));
        }
      };

  private final Path dir;

  private ExplorationCache(Path dir) {
    this.dir = dir;
  }

  /** The cache {@value #PROPERTY} names, if it names one. */
  public static Optional<ExplorationCache> current() {
    String value = System.getProperty(PROPERTY, "").strip();
    if (value.isEmpty() || value.equals("off")) {
      return Optional.empty();
    }
    Path path = Path.of(value);
    String basedir = System.getProperty("basedir");
    if (!path.isAbsolute() && basedir != null) {
      path = Path.of(basedir).resolve(path);
    }
    return Optional.of(new ExplorationCache(path.resolve("explored")));
  }

  /**
   * The key of exploring {@code scenario} of the suite held by {@code suiteClass}.
   *
   * @param underTest the classes of the handler and writer the suite runs (a suite class can hold
   *     suites of several handlers)
   * @param subject the binding and handler, as the suite names them
   */
  public String key(
      Class<?> suiteClass,
      List<Class<?>> underTest,
      String subject,
      String scenario,
      int bound,
      ExplorationBudget budget) {
    Digest digest = new Digest().add("explored").add(CLOSURES.get(suiteClass));
    for (Class<?> type : underTest) {
      digest.add(type.getName()).add(CLOSURES.get(type));
    }
    return digest
        .add(walkspecCode().hash())
        .add(subject)
        .add(scenario)
        .add(Integer.toString(bound))
        .add(budget.describe())
        .add(System.getProperty("java.version"))
        .hex();
  }

  /**
   * The pass kept under {@code key}, said so on stdout (the test's output: which explorations a
   * build reused), or else {@code explore}'s result, kept if it is an exhaustive pass.
   *
   * @param subject the handler and binding, as the suite names them
   */
  public ExplorationResult reuseOrRun(
      String key, String scenario, String subject, Supplier<ExplorationResult> explore) {
    Optional<ExplorationResult> kept = pass(key);
    if (kept.isPresent()) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "walkspec: reused a kept pass of '%s' (%,d schedules) for %s from %s: suite, handler"
                  + " and walkspec classes, scenario, bound and budget unchanged",
              scenario,
              kept.get().schedules(),
              subject,
              dir));
      return kept.get();
    }
    ExplorationResult result = explore.get();
    keep(key, result);
    return result;
  }

  /** The pass kept under {@code key}, as the exploration that found it reported it. */
  private Optional<ExplorationResult> pass(String key) {
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties entry = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      entry.load(in);
      return Optional.of(
          new ExplorationResult(
              entry.getProperty("scenario"),
              entry.getProperty("strategy"),
              true,
              null,
              Long.parseLong(entry.getProperty("schedules")),
              Long.parseLong(entry.getProperty("pruned")),
              Long.parseLong(entry.getProperty("steps")),
              List.of(),
              Optional.empty(),
              Duration.ZERO));
    } catch (IOException | RuntimeException e) {
      // An entry that cannot be read is one that is not there: the exploration runs again.
      return Optional.empty();
    }
  }

  /** Keeps an exhaustive pass; anything else is not kept. */
  private void keep(String key, ExplorationResult result) {
    if (!result.exhausted() || result.failed()) {
      return;
    }
    Properties entry = new Properties();
    entry.setProperty("scenario", result.scenario());
    entry.setProperty("strategy", result.strategy());
    entry.setProperty("schedules", Long.toString(result.schedules()));
    entry.setProperty("pruned", Long.toString(result.pruned()));
    entry.setProperty("steps", Long.toString(result.steps()));
    try {
      Files.createDirectories(dir);
      // Written aside and moved in: a reader never sees half an entry.
      Path part = Files.createTempFile(dir, key, ".part");
      try (OutputStream out = Files.newOutputStream(part)) {
        entry.store(out, null);
      }
      try {
        Files.move(part, file(key), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, file(key), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the exploration cache in " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  private Path file(String key) {
    return dir.resolve(key + ".properties");
  }

  /** walkspec's code as loaded: the runtime, the explorer, the model and this harness. */
  private static synchronized CodeVersion walkspecCode() {
    if (code == null) {
      String version =
          Optional.ofNullable(ExplorationCache.class.getPackage().getImplementationVersion())
              .orElse("unpackaged");
      code =
          CodeVersion.of(
              List.of(World.class, Explorer.class, CheckedSpec.class, ExplorationCache.class),
              version);
    }
    return code;
  }
}
