package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/** How the MMU lock is held; renders as {@code write|read|spin} in traces. */
@API(status = STABLE)
public enum LockMode {
  WRITE,
  READ,
  SPIN;

  /** The trace spelling. */
  public String render() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this mode excludes every other holder. */
  public boolean exclusive() {
    return this != READ;
  }

  /** The inverse of {@link #render()}. */
  public static LockMode parse(String text) {
    for (LockMode mode : values()) {
      if (mode.render().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown lock mode '" + text + "': expected write, read or spin");
  }
}
