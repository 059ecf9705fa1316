package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a generated walker suite again only when something that decides its outcome changed. A
 * walker suite checks walkspec's own generated walker against the reference semantics; once it
 * passed, rerunning it on every downstream test run only repeats the same computation. Its verdict
 * depends on the class files of the suite's package (the generated walkers and suites), the
 * walkspec runtime and harness code, and the JDK: their content hash is the key, and a suite that
 * passed with a key records it under {@code target/walkspec-verified}; the next run with the same
 * key reports its tests skipped, saying why. Any change reruns it; the drift lock always runs (the
 * spec is not in the key); {@code -Dwalkspec.rerun=true} reruns everything. Registered on each
 * generated walker suite as a JUnit Jupiter extension (in a static field).
 */
@API(status = EXPERIMENTAL)
public final class VerifiedOnce implements ExecutionCondition, AfterAllCallback {
  /** Set to true to rerun every verified suite. */
  public static final String RERUN = "walkspec.rerun";

  /** Where the records are kept (default: target/walkspec-verified of the working directory). */
  public static final String DIRECTORY = "walkspec.verifiedDir";

  /** The test that always runs: it reads the spec, which the key does not cover. */
  static final String DRIFT_LOCK = "specUnchangedSinceGeneration";

  private static final String JUPITER = "jupiter";
  private static final Map<Class<?>, String> KEYS = new ConcurrentHashMap<>();

  public VerifiedOnce() {}

  // ---- JUnit Jupiter ------------------------------------------------------------------------

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    boolean driftLock =
        context.getTestMethod().map(m -> m.getName().equals(DRIFT_LOCK)).orElse(false);
    if (context.getTestMethod().isEmpty() || driftLock) {
      return ConditionEvaluationResult.enabled("runs");
    }
    return verified(context.getRequiredTestClass(), JUPITER)
        .map(ConditionEvaluationResult::disabled)
        .orElse(ConditionEvaluationResult.enabled("not verified with these classes yet"));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Class<?> suite = context.getRequiredTestClass();
    if (context.getExecutionException().isEmpty() && !suiteFailed(suite)) {
      record(suite, JUPITER);
    }
  }

  // ---- the record -----------------------------------------------------------------------------

  /**
   * Whether a run may be recorded or skipped at all: not on request, and not with a hand-written
   * walker plugged in ({@link PluggableWalker}), which the key does not describe.
   */
  private static boolean applies() {
    return !Boolean.getBoolean(RERUN)
        && System.getProperties().stringPropertyNames().stream()
            .noneMatch(name -> name.startsWith(PluggableWalker.PROPERTY_PREFIX));
  }

  /** Why the part may be skipped, if it passed before with the same key. */
  static Optional<String> verified(Class<?> suite, String part) {
    if (!applies()) {
      return Optional.empty();
    }
    Path file = recordOf(suite, part);
    try {
      if (Files.isRegularFile(file)
          && Files.readString(file, StandardCharsets.UTF_8).strip().equals(key(suite))) {
        return Optional.of(
            "walkspec: passed before with the same generated walkers and walkspec code (key "
                + key(suite).substring(0, 12)
                + " in "
                + file
                + "); -D"
                + RERUN
                + "=true reruns it");
      }
    } catch (IOException e) {
      // An unreadable record is no record: run.
    }
    return Optional.empty();
  }

  static void record(Class<?> suite, String part) {
    if (!applies()) {
      return;
    }
    Path file = recordOf(suite, part);
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.writeString(temp, key(suite) + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Not recording only means running again next time.
    }
  }

  private static Path recordOf(Class<?> suite, String part) {
    String dir = System.getProperty(DIRECTORY, "target/walkspec-verified");
    return Path.of(dir).resolve(suite.getName() + "." + part);
  }

  /** Whether the suite's own checks failed in this run (dynamic tests are not seen otherwise). */
  private static boolean suiteFailed(Class<?> suite) {
    try {
      Field field = suite.getDeclaredField("SUITE");
      field.setAccessible(true);
      return field.get(null) instanceof WalkerSuite<?> walkers && walkers.failedSomewhere();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  /**
   * SHA-256 of the class files of the suite's package (wherever they are on the class path: the
   * generated walkers and suites), the code of the walkspec runtime and harness, and the JDK.
   */
  static String key(Class<?> suite) {
    return KEYS.computeIfAbsent(suite, VerifiedOnce::computeKey);
  }

  private static String computeKey(Class<?> suite) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
      String pkg = suite.getPackageName().replace('.', '/');
      List<URL> places = Collections.list(suite.getClassLoader().getResources(pkg));
      places.sort((a, b) -> a.toString().compareTo(b.toString()));
      for (URL place : places) {
        digestPackage(sha, place);
      }
      for (Class<?> code : List.of(VerifiedOnce.class, World.class)) {
        digestCodeSource(sha, code);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classes of " + suite.getName(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }

  /** The class files directly in a package directory (or a jar's package entries). */
  private static void digestPackage(MessageDigest sha, URL place) throws IOException {
    if (!place.getProtocol().equals("file")) {
      try (InputStream in = place.openStream()) {
        sha.update(place.toString().getBytes(StandardCharsets.UTF_8));
        sha.update(in.readAllBytes());
      }
      return;
    }
    digestFiles(sha, toPath(place), 1);
  }

  /** A jar's bytes, or every class file of a directory of classes. */
  private static void digestCodeSource(MessageDigest sha, Class<?> code) throws IOException {
    Path location = toPath(code.getProtectionDomain().getCodeSource().getLocation());
    if (Files.isDirectory(location)) {
      digestFiles(sha, location, Integer.MAX_VALUE);
    } else {
      sha.update(Files.readAllBytes(location));
    }
  }

  private static void digestFiles(MessageDigest sha, Path dir, int depth) throws IOException {
    List<Path> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, depth)) {
      files.filter(f -> f.toString().endsWith(".class")).sorted().forEach(classes::add);
    }
    for (Path file : classes) {
      sha.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(file));
    }
  }

  private static Path toPath(URL url) throws IOException {
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IOException("not a file location: " + url, e);
    }
  }
}
