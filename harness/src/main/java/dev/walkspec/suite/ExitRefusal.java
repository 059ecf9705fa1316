package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Refuses to run handler code that can end the JVM: before a suite first calls a handler class, its
 * class file and those of its superclasses and of every class whose methods it calls (transitively,
 * outside the JDK and walkspec's runtime) are read, and a reference to {@code System.exit}, {@code
 * Runtime.exit} or {@code Runtime.halt} (a call or a method reference) fails the suite naming the
 * class, instead of killing the test JVM and with it the build. No SecurityManager is needed
 * (deprecated in 17, gone in 24), so the check works the same on every JDK; it reads constant pools
 * only, so a handler that reaches exit through reflection is not caught (handlers are buggy, not
 * hostile).
 */
@API(status = INTERNAL)
public final class ExitRefusal {
  private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

  private ExitRefusal() {}

  /**
   * @throws AssertionError naming the class and the call, when the code of {@code type} (or of a
   *     class it uses) can exit the JVM
   */
  public static void check(Class<?> type, String subject) {
    if (CHECKED.contains(type.getName())) {
      return;
    }
    Optional<String> exit = findExit(type);
    if (exit.isPresent()) {
      throw new AssertionError(
          "walkspec: "
              + subject
              + " is refused: "
              + exit.get()
              + ". A handler must never end the JVM (that would kill the build, not fail a"
              + " check); the suite does not run it");
    }
    CHECKED.add(type.getName());
  }

  /** "class a.B calls java.lang.System.exit", or empty. */
  static Optional<String> findExit(Class<?> type) {
    ClassLoader loader =
        type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
    Deque<String> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    queue.add(type.getName().replace('.', '/'));
    while (!queue.isEmpty()) {
      String name = queue.poll();
      if (!seen.add(name) || skipped(name)) {
        continue;
      }
      ClassFile file;
      try (InputStream in = loader.getResourceAsStream(name + ".class")) {
        if (in == null) {
          continue;
        }
        file = ClassFile.read(in);
      } catch (IOException | RuntimeException e) {
        continue;
      }
      for (String[] ref : file.methodRefs) {
        if (isExit(ref[0], ref[1])) {
          return Optional.of(
              "class "
                  + name.replace('/', '.')
                  + " calls "
                  + ref[0].replace('/', '.')
                  + "."
                  + ref[1]);
        }
      }
      queue.addAll(file.classes);
    }
    return Optional.empty();
  }

  private static boolean isExit(String owner, String method) {
    return (owner.equals("java/lang/System") && method.equals("exit"))
        || (owner.equals("java/lang/Runtime") && (method.equals("exit") || method.equals("halt")));
  }

  /** The JDK and walkspec's own runtime never exit; their classes are not read. */
  private static boolean skipped(String name) {
    return name.startsWith("java/")
        || name.startsWith("javax/")
        || name.startsWith("jdk/")
        || name.startsWith("sun/")
        || name.startsWith("com/sun/")
        || name.startsWith("dev/walkspec/runtime/")
        || name.startsWith("[");
  }

  /** The parts of a class file's constant pool this check needs. */
  private static final class ClassFile {
    final List<String[]> methodRefs = new ArrayList<>();
    final List<String> classes = new ArrayList<>();

    static ClassFile read(InputStream stream) throws IOException {
      DataInputStream in = new DataInputStream(stream);
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNameIndex = new int[count];
      int[][] refs = new int[count][];
      int[] nameAndTypeName = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 7 -> classNameIndex[i] = in.readUnsignedShort();
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 9, 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          case 12 -> {
            nameAndTypeName[i] = in.readUnsignedShort();
            in.readUnsignedShort();
          }
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          case 17, 18 -> {
            in.readUnsignedShort();
            in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      ClassFile file = new ClassFile();
      for (int i = 1; i < count; i++) {
        if (refs[i] != null) {
          int owner = classNameIndex[refs[i][0]];
          String method = utf8[nameAndTypeName[refs[i][1]]];
          if (owner != 0 && method != null) {
            file.methodRefs.add(new String[] {utf8[owner], method});
            // Only classes whose code can run from here are followed: those whose methods are
            // called, not every class named (an enclosing class, a nest mate).
            file.classes.add(utf8[owner]);
          }
        }
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int superClass = in.readUnsignedShort();
      if (superClass != 0 && utf8[classNameIndex[superClass]] != null) {
        file.classes.add(utf8[classNameIndex[superClass]]);
      }
      return file;
    }
  }
}
