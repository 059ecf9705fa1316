package dev.walkspec.emit;

/**
 * Spec text made safe for Java comments and Javadoc: no comment terminator, no backslash (a unicode
 * escape such as \u000a would end a line comment even inside it), no Javadoc tag (a {@code
 * @deprecated} line would deprecate the class), no control characters. The result is text, to be
 * passed to JavaPoet as a {@code $L} argument, never as a format string.
 */
final class Comments {
  private Comments() {}

  static String safe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("&#92;");
      } else if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        out.append("*&#47;");
        i++;
      } else if (c == '@') {
        // A Javadoc tag from a spec string (@deprecated at a line start) would change the code.
        out.append("&#64;");
      } else if (Character.isISOControl(c) && c != '\n') {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
