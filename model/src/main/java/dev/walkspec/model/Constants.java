package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** The enum constants of the language: lock modes, lock kinds and attr_filter values. */
@API(status = INTERNAL)
public final class Constants {
  public static final Value WRITE = new Value.EnumValue("write", Type.LOCK_MODE);
  public static final Value READ = new Value.EnumValue("read", Type.LOCK_MODE);
  public static final Value SPIN = new Value.EnumValue("spin", Type.LOCK_MODE);
  public static final Value RWLOCK = new Value.EnumValue("rwlock", Type.LOCK_KIND);
  public static final Value SPINLOCK = new Value.EnumValue("spinlock", Type.LOCK_KIND);

  /** attr_filter: the walk concerns shared mappings (every hva walk, W6). */
  public static final Value FILTER_SHARED = new Value.EnumValue("KVM_FILTER_SHARED", Type.FILTER);

  /** attr_filter: the walk concerns private (guest_memfd) mappings. */
  public static final Value FILTER_PRIVATE = new Value.EnumValue("KVM_FILTER_PRIVATE", Type.FILTER);

  private static final Map<String, Value> ALL =
      Map.of(
          "write",
          WRITE,
          "read",
          READ,
          "spin",
          SPIN,
          "rwlock",
          RWLOCK,
          "spinlock",
          SPINLOCK,
          "KVM_FILTER_SHARED",
          FILTER_SHARED,
          "KVM_FILTER_PRIVATE",
          FILTER_PRIVATE);

  private Constants() {}

  public static Optional<Value> named(String name) {
    return Optional.ofNullable(ALL.get(name));
  }
}
