package dev.walkspec.runtime.trace;

import dev.walkspec.runtime.api.LockMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parsing half of {@link TraceEvent}, kept out of the public interface. */
final class TraceParser {
  private static final String WORD = "([A-Za-z0-9_.\\-]+)";
  private static final String RESULT = "(true|false|-?[0-9]+)";
  private static final Pattern WARN = Pattern.compile("WARN " + WORD);
  private static final Pattern LOCK = Pattern.compile("LOCK (write|read|spin)");
  private static final Pattern UNLOCK = Pattern.compile("UNLOCK (write|read|spin)");
  private static final Pattern ON_LOCK = Pattern.compile("ON_LOCK " + WORD);
  private static final Pattern CALL =
      Pattern.compile(
          "CALL as=([0-9]+) slot=([0-9]+) gfn=\\[(-?[0-9]+),(-?[0-9]+)\\)(?: filter="
              + WORD
              + ")? -> "
              + RESULT);
  private static final Pattern RESULT_LINE =
      Pattern.compile("RESULT ret=" + RESULT + " found_memslot=(true|false)");
  private static final String FORMS =
      "expected one of WARN <rule> | SRCU_LOCK | LOCK <write|read|spin> | ON_LOCK <callback> |"
          + " CALL as=<n> slot=<id> gfn=[<start>,<end>) [filter=<attr_filter>] -> <result> |"
          + " FLUSH |"
          + " UNLOCK <write|read|spin> | SRCU_UNLOCK | RESULT ret=<bool|int> found_memslot=<bool>";

  private TraceParser() {}

  static boolean isTokenChar(int c) {
    return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.';
  }

  static boolean isResult(String text) {
    if (text.equals("true") || text.equals("false")) {
      return true;
    }
    try {
      return Integer.toString(Integer.parseInt(text)).equals(text);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static TraceEvent parse(String line) {
    if (line == null) {
      throw new TraceFormatException("null", FORMS);
    }
    try {
      return parseOrNull(line);
    } catch (NumberFormatException e) {
      throw new TraceFormatException(line, "a number is out of range (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      if (e instanceof TraceFormatException) {
        throw e;
      }
      throw new TraceFormatException(line, e.getMessage());
    }
  }

  private static TraceEvent parseOrNull(String line) {
    switch (line) {
      case "SRCU_LOCK":
        return new TraceEvent.SrcuLock();
      case "SRCU_UNLOCK":
        return new TraceEvent.SrcuUnlock();
      case "FLUSH":
        return new TraceEvent.Flush();
      default:
        break;
    }
    Matcher m;
    if ((m = WARN.matcher(line)).matches()) {
      return new TraceEvent.Warn(m.group(1));
    }
    if ((m = LOCK.matcher(line)).matches()) {
      return new TraceEvent.Lock(LockMode.parse(m.group(1)));
    }
    if ((m = UNLOCK.matcher(line)).matches()) {
      return new TraceEvent.Unlock(LockMode.parse(m.group(1)));
    }
    if ((m = ON_LOCK.matcher(line)).matches()) {
      return new TraceEvent.OnLock(m.group(1));
    }
    if ((m = CALL.matcher(line)).matches()) {
      return new TraceEvent.Call(
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          Long.parseLong(m.group(3)),
          Long.parseLong(m.group(4)),
          m.group(5) == null ? "" : m.group(5),
          m.group(6));
    }
    if ((m = RESULT_LINE.matcher(line)).matches()) {
      return new TraceEvent.Result(m.group(1), Boolean.parseBoolean(m.group(2)));
    }
    throw new TraceFormatException(line, FORMS);
  }
}
