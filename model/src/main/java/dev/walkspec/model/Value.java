package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A value an expression can have. Enum values are the lock modes and lock kinds. */
@API(status = INTERNAL)
public sealed interface Value {
  Type type();

  static Value of(boolean b) {
    return b ? BoolValue.TRUE : BoolValue.FALSE;
  }

  static Value of(long i) {
    return new IntValue(i);
  }

  default boolean asBool() {
    if (this instanceof BoolValue b) {
      return b.value();
    }
    throw new IllegalStateException("not a bool: " + this);
  }

  default long asInt() {
    if (this instanceof IntValue i) {
      return i.value();
    }
    throw new IllegalStateException("not an int: " + this);
  }

  record BoolValue(boolean value) implements Value {
    static final BoolValue TRUE = new BoolValue(true);
    static final BoolValue FALSE = new BoolValue(false);

    @Override
    public Type type() {
      return Type.BOOL;
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  record IntValue(long value) implements Value {
    @Override
    public Type type() {
      return Type.INT;
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** write, read, spin (lock modes) or rwlock, spinlock (lock kinds). */
  record EnumValue(String constant, Type type) implements Value {
    @Override
    public String toString() {
      return constant;
    }
  }
}
