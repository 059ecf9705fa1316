package dev.walkspec.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.Pos;
import dev.walkspec.model.SpecInput;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The spec image: a class whose code builds the checked spec (the model's records) again, so that a
 * generated suite has its spec without parsing or checking it at test time, as a generated ANTLR
 * parser carries its ATN. Every record is rebuilt through its canonical constructor; lists, sets,
 * maps and optionals through their {@code of} factories, set elements and map keys sorted by their
 * text so that the same spec always gives the same bytes. A value whose code is long, or that
 * occurs more than once and is not tiny, gets a method of its own, which keeps every method far
 * below the class file's 64 KiB limit and writes each shared part (a walker, a profile) once.
 * Positions name their file as the content hash does, so the image does not depend on the directory
 * the generator ran in.
 */
final class SpecImageEmitter {
  /** Code longer than this (characters) goes into a method of its own. */
  private static final int LONG = 600;

  /** Code of a value that occurs more than once goes into a method from this length on. */
  private static final int SHARED = 120;

  private final Map<Object, Integer> occurrences = new HashMap<>();
  private final Map<Object, String> hoisted = new HashMap<>();
  private final List<MethodSpec> methods = new ArrayList<>();

  /** The names the content hash takes the spec's files under, longest first. */
  private final List<String> inputNames;

  private SpecImageEmitter(CheckedSpec checked) {
    this.inputNames =
        checked.spec().inputs().stream()
            .map(SpecInput::name)
            .sorted(Comparator.comparing(String::length).reversed())
            .toList();
  }

  static TypeSpec emit(ClassName image, CheckedSpec checked, AnnotationSpec generated) {
    SpecImageEmitter emitter = new SpecImageEmitter(checked);
    emitter.count(checked);
    CodeBlock build = emitter.record(checked);
    ClassName type = ClassName.get(CheckedSpec.class);
    TypeSpec holder =
        TypeSpec.classBuilder("Holder")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addField(
                FieldSpec.builder(type, "CHECKED", Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", build)
                    .build())
            .build();
    return TypeSpec.classBuilder(image)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(generated)
        .addJavadoc(
            "The checked spec $L, built in code: what the suites of this spec judge against, with no"
                + " parsing at test time. Its content hash is the drift lock: the suites fail when"
                + " the spec's files no longer hash to it.\n",
            Comments.safe(checked.spec().name()))
        .addField(
            FieldSpec.builder(
                    String.class, "CONTENT_HASH", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", checked.spec().contentHash())
                .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(
            MethodSpec.methodBuilder("checked")
                .addJavadoc("The checked spec; built once, on first use.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(type)
                .addStatement("return Holder.CHECKED")
                .build())
        .addMethods(emitter.methods)
        .addType(holder)
        .build();
  }

  /** How often each record value occurs in the tree (by equality), to write shared ones once. */
  private void count(Object value) {
    if (value instanceof Record r) {
      if (occurrences.merge(r, 1, Integer::sum) > 1) {
        return;
      }
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        count(component(r, c));
      }
    } else if (value instanceof Collection<?> items) {
      items.forEach(this::count);
    } else if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            count(k);
            count(v);
          });
    } else if (value instanceof Optional<?> o) {
      o.ifPresent(this::count);
    }
  }

  private CodeBlock value(Object value, Type declared) {
    if (value == null) {
      return CodeBlock.of("null");
    }
    if (value instanceof Pos p) {
      return CodeBlock.of(
          "new $T($S, $L, $L, $L)", Pos.class, stable(p.file()), p.line(), p.column(), p.length());
    }
    if (value instanceof Record r) {
      return record(r);
    }
    if (value instanceof String s) {
      return CodeBlock.of("$S", s);
    }
    if (value instanceof Boolean || value instanceof Integer) {
      return CodeBlock.of("$L", value);
    }
    if (value instanceof Long l) {
      return CodeBlock.of("$LL", l);
    }
    if (value instanceof Enum<?> e) {
      return CodeBlock.of("$T.$N", e.getDeclaringClass(), e.name());
    }
    if (value instanceof Optional<?> o) {
      return o.isEmpty()
          ? CodeBlock.of("$T.empty()", Optional.class)
          : CodeBlock.of("$T.of($L)", Optional.class, value(o.get(), argument(declared, 0)));
    }
    if (value instanceof List<?> list) {
      Type element = argument(declared, 0);
      return CodeBlock.of(
          "$T.<$T>of($L)",
          List.class,
          TypeName.get(element),
          CodeBlock.join(list.stream().map(v -> value(v, element)).toList(), ", "));
    }
    if (value instanceof Set<?> set) {
      Type element = argument(declared, 0);
      return CodeBlock.of(
          "$T.<$T>of($L)",
          Set.class,
          TypeName.get(element),
          CodeBlock.join(inOrder(set).stream().map(v -> value(v, element)).toList(), ", "));
    }
    if (value instanceof Map<?, ?> map) {
      Type key = argument(declared, 0);
      Type val = argument(declared, 1);
      List<CodeBlock> entries = new ArrayList<>();
      for (Object k : inOrder(map.keySet())) {
        entries.add(
            CodeBlock.of("$T.entry($L, $L)", Map.class, value(k, key), value(map.get(k), val)));
      }
      return CodeBlock.of(
          "$T.<$T, $T>ofEntries($L)",
          Map.class,
          TypeName.get(key),
          TypeName.get(val),
          CodeBlock.join(entries, ", "));
    }
    throw new IllegalArgumentException(
        "the spec image cannot write a " + value.getClass().getName() + ": " + value);
  }

  /** A record through its canonical constructor, or a call of the method that builds it. */
  private CodeBlock record(Record r) {
    String method = hoisted.get(r);
    if (method != null) {
      return CodeBlock.of("$N()", method);
    }
    List<CodeBlock> arguments = new ArrayList<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      arguments.add(value(component(r, c), c.getGenericType()));
    }
    CodeBlock code = CodeBlock.of("new $T($L)", r.getClass(), CodeBlock.join(arguments, ", "));
    int length = code.toString().length();
    boolean shared = occurrences.getOrDefault(r, 1) > 1;
    if (length < LONG && !(shared && length >= SHARED)) {
      return code;
    }
    String name = "v" + methods.size();
    hoisted.put(r, name);
    methods.add(
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(r.getClass())
            .addStatement("return $L", code)
            .build());
    return CodeBlock.of("$N()", name);
  }

  /**
   * A position's file as the content hash names it ("kvm.walk"), not as the loader showed it
   * (relative to wherever the generator ran): the image is the same bytes wherever it is generated.
   */
  private String stable(String file) {
    for (String name : inputNames) {
      if (file.equals(name) || file.endsWith("/" + name)) {
        return name;
      }
    }
    return file;
  }

  private static Object component(Record r, RecordComponent c) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c + " of " + r.getClass(), e);
    }
  }

  private static Type argument(Type declared, int index) {
    if (declared instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    throw new IllegalArgumentException(
        "the spec image needs a parameterized type, got " + declared);
  }

  /**
   * Set elements and map keys in a fixed order (by their text): the iteration order of {@code
   * Set.of} and {@code Map.of} changes from run to run, and the order values are written in numbers
   * the methods.
   */
  private static List<Object> inOrder(Collection<?> items) {
    return items.stream()
        .map(Object.class::cast)
        .sorted(Comparator.comparing(String::valueOf))
        .toList();
  }

  /** The image's class name for a spec: "kvm" gives KvmSpecImage. */
  static String simpleName(String specName) {
    return JavaNames.upperCamel(specName) + "SpecImage";
  }
}
