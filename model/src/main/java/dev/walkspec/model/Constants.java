package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** The enum constants of the language: lock modes and lock kinds. */
@API(status = INTERNAL)
public final class Constants {
  public static final Value WRITE = new Value.EnumValue("write", Type.LOCK_MODE);
  public static final Value READ = new Value.EnumValue("read", Type.LOCK_MODE);
  public static final Value SPIN = new Value.EnumValue("spin", Type.LOCK_MODE);
  public static final Value RWLOCK = new Value.EnumValue("rwlock", Type.LOCK_KIND);
  public static final Value SPINLOCK = new Value.EnumValue("spinlock", Type.LOCK_KIND);

  private static final Map<String, Value> ALL =
      Map.of("write", WRITE, "read", READ, "spin", SPIN, "rwlock", RWLOCK, "spinlock", SPINLOCK);

  private Constants() {}

  public static Optional<Value> named(String name) {
    return Optional.ofNullable(ALL.get(name));
  }
}
