package dev.walkspec.emit;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Validation of user-given package names (plugin parameter, --package). */
@API(status = INTERNAL)
public final class JavaPackages {
  private JavaPackages() {}

  /** A dotted Java package name of ASCII identifiers that are not keywords. */
  public static boolean isValid(String name) {
    return name != null && JavaNames.isPackageName(name);
  }
}
