package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.IntGfnHandler;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.trace.TraceSink;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Lets a suite check a hand-written walker instead of the generated one: the system property {@code
 * walkspec.walker.<operation>[<profile>]} (e.g. {@code walkspec.walker.clear_young[x86]}) names a
 * class that implements the operation's walker interface. Its public constructor takes any of Kvm,
 * GfnHandler (or IntGfnHandler), OnLockCallback, TraceSink, in any order.
 */
@API(status = EXPERIMENTAL)
public final class PluggableWalker {
  /** The system properties that plug a walker in start with this. */
  public static final String PROPERTY_PREFIX = "walkspec.walker.";

  private PluggableWalker() {}

  public static <W> WalkerSuite.Factory<W> factory(
      String key, Class<W> api, WalkerSuite.Factory<W> generated) {
    String className = System.getProperty(PROPERTY_PREFIX + key);
    if (className == null || className.isBlank()) {
      return generated;
    }
    Class<?> type;
    try {
      type = Class.forName(className.trim(), true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "walkspec.walker." + key + ": no class " + className + " on the test class path");
    }
    if (!api.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "walkspec.walker." + key + ": " + className + " does not implement " + api.getName());
    }
    Constructor<?> constructor =
        type.getConstructors().length == 1 ? type.getConstructors()[0] : null;
    if (constructor == null) {
      throw new IllegalArgumentException(
          "walkspec.walker." + key + ": " + className + " needs exactly one public constructor");
    }
    return context -> api.cast(construct(constructor, context));
  }

  private static Object construct(Constructor<?> constructor, WalkerContext context) {
    Map<Class<?>, Object> available =
        Map.of(
            Kvm.class,
            context.kvm(),
            GfnHandler.class,
            context.handler(),
            IntGfnHandler.class,
            context.intHandler(),
            OnLockCallback.class,
            context.onLock(),
            TraceSink.class,
            context.trace());
    Class<?>[] types = constructor.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = available.get(types[i]);
      if (args[i] == null) {
        throw new IllegalArgumentException(constructor + ": cannot supply a " + types[i].getName());
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalArgumentException(
          "cannot create " + constructor.getDeclaringClass().getName() + ": " + e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "the walker's constructor failed: " + e.getCause(), e.getCause());
    }
  }
}
