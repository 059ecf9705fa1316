package dev.walkspec.emit;

import java.util.Locale;
import javax.lang.model.SourceVersion;

/**
 * Java identifiers from spec names. Spec names are ASCII identifiers by the grammar, but they can
 * still be Java keywords or start with a digit once joined; everything else becomes '_'.
 */
final class JavaNames {
  private JavaNames() {}

  /** {@code clear_young} -> {@code ClearYoung}; never empty, never starting with a digit. */
  static String upperCamel(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (!isAsciiLetterOrDigit(c)) {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.length() == 0 || Character.isDigit(out.charAt(0)) ? "W" + out : out.toString();
  }

  /** {@code may_block} -> {@code mayBlock}, made safe from keywords. */
  static String lowerCamel(String name) {
    String camel = upperCamel(name);
    String lower = Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
    return SourceVersion.isKeyword(lower) || lower.equals("var") ? lower + "_" : lower;
  }

  /** A package segment: lower case, '_' for anything else, never a keyword. */
  static String packageSegment(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(isAsciiLetterOrDigit(c) ? c : '_');
    }
    String segment =
        out.length() == 0 || Character.isDigit(out.charAt(0)) ? "s" + out : out.toString();
    return SourceVersion.isKeyword(segment) ? segment + "_" : segment;
  }

  /** Whether a dotted package name is valid Java (for a user-given base package). */
  static boolean isPackageName(String name) {
    return SourceVersion.isName(name) && name.chars().allMatch(c -> c < 128);
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
