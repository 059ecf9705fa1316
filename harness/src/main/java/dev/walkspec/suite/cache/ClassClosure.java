package dev.walkspec.suite.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.objectweb.asm.ClassReader;

/**
 * The content hash of classes and of every class they reference, transitively: what a handler class
 * loads when it runs. A reference is a class constant of the class file (what {@code new}, calls,
 * field accesses, casts and supertypes name), read with ASM; classes of the JDK and of the code
 * sources that {@code skip} covers (walkspec's own, hashed whole by {@link CodeVersion}) are not
 * followed. A class only named in a string (reflection) is not seen.
 */
@API(status = INTERNAL)
public final class ClassClosure {
  private final ClassLoader loader;
  private final Predicate<URL> skip;
  private final Map<String, Optional<byte[]>> bytes = new HashMap<>();
  private final Map<String, List<String>> references = new HashMap<>();
  private final Map<List<String>, String> hashes = new HashMap<>();

  public ClassClosure(ClassLoader loader, Predicate<URL> skip) {
    this.loader = loader;
    this.skip = skip;
  }

  /** The hash of {@code classNames} (binary names) and every class they reach. */
  public String hash(Collection<String> classNames) {
    // Hundreds of judgements share a few dozen handler classes.
    return hashes.computeIfAbsent(List.copyOf(classNames), this::closureHash);
  }

  private String closureHash(List<String> classNames) {
    Map<String, Optional<byte[]>> reached = new TreeMap<>();
    Deque<String> pending = new ArrayDeque<>();
    classNames.forEach(n -> pending.add(n.replace('.', '/')));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (reached.containsKey(name)) {
        continue;
      }
      Optional<byte[]> content = bytes(name);
      reached.put(name, content);
      content.ifPresent(b -> pending.addAll(references(name, b)));
    }
    Digest digest = new Digest();
    reached.forEach(
        (name, content) -> {
          digest.add(name);
          // A class that is missing now and present later (or the other way round) changes it.
          digest.add(content.orElse(new byte[0]));
        });
    return digest.hex();
  }

  /** The class file, or empty for a class of the JDK, a skipped code source or none at all. */
  private Optional<byte[]> bytes(String internalName) {
    return bytes.computeIfAbsent(internalName, this::read);
  }

  private Optional<byte[]> read(String internalName) {
    URL resource = loader.getResource(internalName + ".class");
    if (resource == null || resource.getProtocol().equals("jrt") || skip.test(resource)) {
      return Optional.empty();
    }
    try (InputStream in = resource.openStream()) {
      return Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private List<String> references(String internalName, byte[] classFile) {
    return references.computeIfAbsent(internalName, n -> classConstants(classFile));
  }

  /** The class constants of a class file (array types give their element class). */
  public static List<String> classConstants(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    char[] buffer = new char[reader.getMaxStringLength()];
    List<String> names = new ArrayList<>();
    for (int item = 1; item < reader.getItemCount(); item++) {
      int offset = reader.getItem(item);
      // getItem gives the offset just after the tag; 7 is CONSTANT_Class.
      if (offset > 0 && classFile[offset - 1] == 7) {
        String name = reader.readUTF8(offset, buffer);
        String element = name.replaceFirst("^\\[+", "");
        if (element.startsWith("L") && element.endsWith(";")) {
          names.add(element.substring(1, element.length() - 1));
        } else if (!name.startsWith("[")) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
