package dev.walkspec.conform.cache;

import dev.walkspec.Version;
import dev.walkspec.suite.cache.ClassClosure;
import dev.walkspec.suite.cache.CodeVersion;
import dev.walkspec.suite.cache.Digest;
import java.util.Collection;
import java.util.List;

/**
 * The keys of the result cache: a SHA-256 over everything that decides a result. For a judgement of
 * the matrix: what the matrix itself shares results by (handler classes by name, profile, kind, the
 * context the spec gives the call, the obligation or the explored scenarios' signature), the
 * content of the spec whose suite runs it, the bytes of the handler classes and of every class they
 * reference ({@link ClassClosure}), walkspec's own code ({@link CodeVersion}), the property tries
 * and seed, the exploration budget and the Java version. For the spec mutants: the spec's content,
 * walkspec's code and the Java version.
 */
public final class CacheKeys {
  private final CodeVersion code;
  private final ClassClosure classes;

  private CacheKeys(CodeVersion code, ClassClosure classes) {
    this.code = code;
    this.classes = classes;
  }

  /**
   * Keys for handler classes loaded by {@code loader}, with walkspec's code as loaded now.
   *
   * @param walkspec one class of each module of walkspec's own code (its jars or class directories
   *     are hashed whole)
   */
  public static CacheKeys forClassLoader(ClassLoader loader, List<Class<?>> walkspec) {
    CodeVersion code = CodeVersion.of(walkspec, Version.get());
    return new CacheKeys(code, new ClassClosure(loader, code::covers));
  }

  /**
   * @param sharing the matrix's own sharing key of the judgement
   * @param specContent the content hash of the spec whose generated suite decides it
   * @param handlerClasses the handler (and writer) classes the suite runs
   * @param run the run's parameters that decide results: tries, seed, exploration budget
   */
  public String judgement(
      String sharing, String specContent, Collection<String> handlerClasses, String run) {
    return new Digest()
        .add("judgement")
        .add(sharing)
        .add(specContent)
        .add(classes.hash(handlerClasses))
        .add(code.hash())
        .add(run)
        .add(System.getProperty("java.version"))
        .hex();
  }

  /**
   * @param specContent the content hash of the spec the finding was judged on
   * @param binding the binding ("clear_young[x86]") whose finding is judged again
   * @param handlerClasses the handler class judged (none for a verdict that runs no handler)
   * @param obligation the obligation it broke
   * @param draws the draws' parameters: ranges per shape and seed
   */
  public String reachability(
      String specContent,
      String binding,
      Collection<String> handlerClasses,
      String obligation,
      String draws) {
    return new Digest()
        .add("reachability")
        .add(specContent)
        .add(binding)
        .add(classes.hash(handlerClasses))
        .add(obligation)
        .add(draws)
        .add(code.hash())
        .add(System.getProperty("java.version"))
        .hex();
  }

  public String mutants(byte[] spec) {
    return new Digest()
        .add("spec mutants")
        .add(spec)
        .add(code.hash())
        .add(System.getProperty("java.version"))
        .hex();
  }
}
