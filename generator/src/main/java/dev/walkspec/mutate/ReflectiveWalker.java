package dev.walkspec.mutate;

import dev.walkspec.emit.WalkerSignature;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.semantics.Scenario;
import dev.walkspec.suite.WalkerContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated walker loaded from compiled classes and driven the way its generated suite would
 * drive it: the constructor and walk arguments are the suite's expressions ({@link
 * WalkerSignature}), evaluated here over the context and the scenario. Only the expression forms
 * the emitter writes are understood; any other is an error naming it.
 */
final class ReflectiveWalker {
  private static final Pattern PRESENT =
      Pattern.compile("context\\.(\\w+)\\(\\) \\? context\\.(\\w+)\\(\\) : null");
  private static final Pattern ACCESSOR = Pattern.compile("context\\.(\\w+)\\(\\)");
  private static final Pattern FLAG =
      Pattern.compile("scenario\\.flags\\(\\)\\.getOrDefault\\(\"([^\"]+)\", false\\)");

  private final Constructor<?> constructor;
  private final Method walk;
  private final WalkerSignature signature;

  private ReflectiveWalker(Constructor<?> constructor, Method walk, WalkerSignature signature) {
    this.constructor = constructor;
    this.walk = walk;
    this.signature = signature;
  }

  static ReflectiveWalker of(WalkerSignature signature, ClassLoader loader) {
    Class<?> type;
    try {
      type = loader.loadClass(signature.className());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no generated walker " + signature.className(), e);
    }
    Method walk =
        Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals("walk") && !m.isBridge())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(type + " has no walk method"));
    return new ReflectiveWalker(type.getConstructors()[0], walk, signature);
  }

  Object construct(WalkerContext context) {
    List<String> sources = signature.constructorArguments();
    Object[] args = new Object[sources.size()];
    for (int i = 0; i < args.length; i++) {
      String source = sources.get(i);
      Matcher present = PRESENT.matcher(source);
      Matcher accessor = ACCESSOR.matcher(source);
      if (present.matches()) {
        boolean isPresent = (Boolean) accessor(context, present.group(1));
        args[i] = isPresent ? accessor(context, present.group(2)) : null;
      } else if (accessor.matches()) {
        args[i] = accessor(context, accessor.group(1));
      } else {
        throw new IllegalStateException("unknown constructor argument " + source);
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  WalkResult walk(Object walker, Scenario scenario) {
    List<String> sources = signature.walkArguments();
    Object[] args = new Object[sources.size()];
    for (int i = 0; i < args.length; i++) {
      String source = sources.get(i);
      Matcher flag = FLAG.matcher(source);
      if (source.equals("scenario.start()")) {
        args[i] = scenario.start();
      } else if (source.equals("scenario.end()")) {
        args[i] = scenario.end();
      } else if (source.equals("0L")) {
        args[i] = 0L;
      } else if (flag.matches()) {
        args[i] = scenario.flags().getOrDefault(flag.group(1), false);
      } else {
        throw new IllegalStateException("unknown walk argument " + source);
      }
    }
    try {
      return (WalkResult) walk.invoke(walker, args);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object accessor(WalkerContext context, String name) {
    try {
      return WalkerContext.class.getMethod(name).invoke(context);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("WalkerContext." + name + "()", e);
    }
  }

  /** The walker's own exception or error, as the generated suite would have seen it. */
  private static RuntimeException rethrow(InvocationTargetException e) {
    if (e.getCause() instanceof RuntimeException r) {
      return r;
    }
    if (e.getCause() instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(e.getCause());
  }
}
