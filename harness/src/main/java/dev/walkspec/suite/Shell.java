package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.regex.Pattern;
import org.apiguardian.api.API;

/** Quoting for the commands walkspec prints for people to paste into a POSIX shell. */
@API(status = INTERNAL)
public final class Shell {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./=:,+%-]+");

  private Shell() {}

  /** {@code word} as is when no shell would change it, else in single quotes. */
  public static String quote(String word) {
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
