package dev.walkspec.emit;

/** Validation of user-given package names (plugin parameter, --package). */
public final class JavaPackages {
  private JavaPackages() {}

  /** A dotted Java package name of ASCII identifiers that are not keywords. */
  public static boolean isValid(String name) {
    return name != null && JavaNames.isPackageName(name);
  }
}
