package dev.walkspec.pipeline;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code // expect:} markers of fixture files (the convention is described in
 * src/test/resources/fixtures/README.md):
 *
 * <pre>
 * // expect: WS101 12:5
 * // expect: WS102 3:9, WS102 4:9
 * // expect: WS308 ../../lib/base.walk 15:13
 * </pre>
 *
 * Each item is a code and an explicit 1-based {@code line:column}, optionally preceded by the file
 * the diagnostic is in (relative to the file holding the marker; by default that file itself). A
 * marker may stand on its own line or at the end of a line; it is found anywhere in the text, so it
 * also works in files that fail to lex. Every diagnostic needs its own item, even when two share a
 * position. A line that looks like a marker but does not follow the format fails the test instead
 * of being ignored.
 */
final class Expectations {
  private static final Pattern MARKER = Pattern.compile("//\\s*expect\\b(.*)$");
  private static final String ITEM = "(WS\\d{3})\\s+(?:([^\\s,]+)\\s+)?(\\d+):(\\d+)";
  private static final Pattern ITEMS =
      Pattern.compile("\\s*:\\s*" + ITEM + "(?:\\s*,\\s*" + ITEM + ")*\\s*");
  private static final Pattern ONE_ITEM = Pattern.compile(ITEM);

  private Expectations() {}

  /** One expected diagnostic: the file (display name), position and code. */
  record Expected(String file, int line, int column, String code) implements Comparable<Expected> {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + " " + code;
    }

    @Override
    public int compareTo(Expected other) {
      return toString().compareTo(other.toString());
    }
  }

  /**
   * The markers of one file. {@code root} is the directory display names are relative to (the one
   * the pipeline's loader shows paths relative to).
   */
  static List<Expected> of(Path file, Path root) {
    String text = read(file);
    SourceFile source = new SourceFile(file.toString(), text);
    List<Expected> expected = new ArrayList<>();
    for (int line = 1; line <= source.lineCount(); line++) {
      Matcher marker = MARKER.matcher(source.line(line));
      if (!marker.find()) {
        continue;
      }
      String where = root.relativize(file) + ":" + line;
      if (!ITEMS.matcher(marker.group(1)).matches()) {
        throw new AssertionError(
            "malformed marker at "
                + where
                + ": "
                + marker.group()
                + " (expected `// expect: WS101 12:5`, items separated by commas)");
      }
      Matcher item = ONE_ITEM.matcher(marker.group(1));
      while (item.find()) {
        String code = item.group(1);
        try {
          DiagnosticCode.valueOf(code);
        } catch (IllegalArgumentException e) {
          throw new AssertionError("unknown diagnostic code " + code + " in marker at " + where);
        }
        Path target = item.group(2) == null ? file : file.getParent().resolve(item.group(2));
        expected.add(
            new Expected(
                display(root, target.normalize()),
                Integer.parseInt(item.group(3)),
                Integer.parseInt(item.group(4)),
                code));
      }
    }
    return expected;
  }

  static String display(Path root, Path file) {
    return root.toAbsolutePath()
        .normalize()
        .relativize(file.toAbsolutePath().normalize())
        .toString()
        .replace('\\', '/');
  }

  /**
   * The text as ISO-8859-1, which never fails: markers are ASCII, and the fixtures for unreadable
   * files (NUL bytes, bad UTF-8) must still yield theirs.
   */
  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
