package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.Similarity;
import dev.walkspec.emit.JavaPackages;
import dev.walkspec.model.Decls.HandlerKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The handler classes a build names for its conformance suites, checked before anything is
 * generated: each key a handler kind (or profile and kind) of the specs, each class one that exists
 * on the project's class path, implements the handler interface of its kind and can be created by
 * the suites. Every problem is one sentence that says what to fix.
 */
@API(status = INTERNAL)
public final class HandlerClasses {
  static final String API = "dev.walkspec.runtime.api.";

  /**
   * Not a handler kind of the specs: the arch's locked write-protect code (dirty logging), the
   * other writer H5 is about. The suites of a lockless age handler explore it against aging.
   */
  public static final String WRITER = "writer";

  /** The interface each known handler kind implements; other kinds implement GfnHandler. */
  static final Map<String, String> INTERFACES =
      Map.of(
          "age",
          "AgeHandler",
          "test_age",
          "TestAgeHandler",
          "unmap",
          "UnmapHandler",
          WRITER,
          "WriteProtector");

  private HandlerClasses() {}

  /**
   * The map in the generator's form ({@code kind} or {@code profile/kind}), sorted; {@code
   * profile.kind} (which XML element names allow) becomes {@code profile/kind}.
   *
   * @throws BuildProblem for a key or class name that is not well formed
   */
  public static Map<String, String> normalize(Map<String, String> handlerClasses) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(handlerClasses).entrySet()) {
      String key = e.getKey().trim().replace('.', '/');
      String[] parts = key.split("/", -1);
      if (parts.length > 2 || !List.of(parts).stream().allMatch(HandlerClasses::isIdentifier)) {
        throw new BuildProblem(
            "handlerClasses key '"
                + e.getKey()
                + "' is not a handler kind (age) or a profile and a kind (x86.age); fix the key");
      }
      String name = e.getValue() == null ? "" : e.getValue().trim();
      if (!JavaPackages.isValid(name) || !name.contains(".") || name.contains("$")) {
        throw new BuildProblem(
            "handlerClasses "
                + e.getKey()
                + " = '"
                + name
                + "' is not the fully qualified name of a top-level class; write it like"
                + " com.example.MyAgeHandler");
      }
      if (out.put(key, name) != null) {
        throw new BuildProblem(
            "handlerClasses names " + key + " twice; keep one entry per kind and profile");
      }
    }
    return out;
  }

  /**
   * Checks normalized keys against the kinds and profiles the specs declare.
   *
   * @throws BuildProblem for a kind or profile no spec has
   */
  public static void checkKeys(Map<String, String> handlerClasses, List<CheckedSpec> specs) {
    TreeSet<String> kinds = new TreeSet<>();
    TreeSet<String> profiles = new TreeSet<>();
    for (CheckedSpec spec : specs) {
      spec.spec().handlerKinds().forEach(k -> kinds.add(k.name().text()));
      spec.profiles().forEach(p -> profiles.add(p.name()));
    }
    kinds.add(WRITER);
    for (String key : handlerClasses.keySet()) {
      String kind = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
      if (!kinds.contains(kind)) {
        throw new BuildProblem(
            "handlerClasses names handler kind '"
                + kind
                + "', which the specs do not declare"
                + Similarity.hint(kind, kinds)
                + " (the kinds: "
                + String.join(", ", kinds)
                + ")");
      }
      if (key.contains("/")) {
        String profile = key.substring(0, key.indexOf('/'));
        if (!profiles.contains(profile)) {
          throw new BuildProblem(
              "handlerClasses names profile '"
                  + profile
                  + "' in "
                  + key.replace('/', '.')
                  + ", which the specs do not declare"
                  + Similarity.hint(profile, profiles)
                  + " (the profiles: "
                  + String.join(", ", profiles)
                  + ")");
        }
      }
    }
  }

  /**
   * Loads every handler class from {@code classpath} (the project's compile class path) and checks
   * it can serve as the handler of its kind.
   *
   * @throws BuildProblem for the first class that cannot, saying what to fix
   */
  public static void checkClasses(
      Map<String, String> handlerClasses, List<CheckedSpec> specs, List<Path> classpath) {
    if (handlerClasses.isEmpty()) {
      return;
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls(classpath), ClassLoader.getPlatformClassLoader())) {
      for (Map.Entry<String, String> e : handlerClasses.entrySet()) {
        String kind = e.getKey().contains("/") ? e.getKey().split("/")[1] : e.getKey();
        check(kind, e.getValue(), expectedInterface(kind, specs), loader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the handler class loader", e);
    }
  }

  /** The simple name of the runtime interface a handler of {@code kind} implements. */
  static String expectedInterface(String kind, List<CheckedSpec> specs) {
    String known = INTERFACES.get(kind);
    if (known != null) {
      return known;
    }
    boolean intResult =
        specs.stream()
            .flatMap(s -> s.spec().handlerKind(kind).stream())
            .map(HandlerKind::resultType)
            .anyMatch(t -> t.isPresent() && t.get().text().equals("int"));
    return intResult ? "IntGfnHandler" : "GfnHandler";
  }

  private static void check(String kind, String name, String iface, ClassLoader loader) {
    Class<?> expected;
    try {
      expected = Class.forName(API + iface, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new BuildProblem(
          "the handler classes cannot be checked because "
              + API
              + iface
              + " is not on the project's compile class path; add a dependency on"
              + " dev.walkspec:walkspec-runtime");
    }
    Class<?> handler;
    try {
      handler = Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new BuildProblem(
          "handler class "
              + name
              + " (handlerClasses "
              + kind
              + ") does not exist on the project's compile class path; fix the name or add the"
              + " class to src/main/java");
    } catch (LinkageError e) {
      throw new BuildProblem(
          "handler class "
              + name
              + " (handlerClasses "
              + kind
              + ") cannot be loaded ("
              + e
              + "); add the dependency it needs to the project");
    }
    if (!expected.isAssignableFrom(handler)) {
      throw new BuildProblem(
          "handler class "
              + name
              + " is configured for handler kind "
              + kind
              + " but does not implement "
              + API
              + iface
              + implemented(handler, loader)
              + "; implement "
              + iface
              + " or configure the class for the kind it handles");
    }
    if (handler.isInterface()
        || Modifier.isAbstract(handler.getModifiers())
        || !Modifier.isPublic(handler.getModifiers())
        || handler.getEnclosingClass() != null
        || !hasPublicNoArgConstructor(handler)) {
      throw new BuildProblem(
          "handler class "
              + name
              + " must be a public, concrete, top-level class with a public no-argument"
              + " constructor, because the generated suites create a fresh handler for each check");
    }
  }

  /** " (it implements TestAgeHandler)" when it implements another kind's interface. */
  private static String implemented(Class<?> handler, ClassLoader loader) {
    List<String> others = new ArrayList<>();
    for (String iface : new TreeSet<>(INTERFACES.values())) {
      try {
        if (Class.forName(API + iface, false, loader).isAssignableFrom(handler)) {
          others.add(iface);
        }
      } catch (ClassNotFoundException | LinkageError e) {
        // not there: nothing to mention
      }
    }
    return others.isEmpty() ? "" : " (it implements " + String.join(" and ", others) + ")";
  }

  private static boolean hasPublicNoArgConstructor(Class<?> type) {
    try {
      return Modifier.isPublic(type.getConstructor().getModifiers());
    } catch (NoSuchMethodException | LinkageError e) {
      return false;
    }
  }

  private static boolean isIdentifier(String s) {
    return s.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  private static URL[] urls(List<Path> classpath) {
    List<URL> urls = new ArrayList<>();
    for (Path entry : classpath) {
      try {
        urls.add(entry.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new BuildProblem("class path entry " + entry + " is not a valid location", e);
      }
    }
    return urls.toArray(URL[]::new);
  }
}
