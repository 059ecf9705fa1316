package dev.walkspec.diag;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Renders diagnostics for people (headline, the source line, a caret under the construct) and for
 * tools (a JSON array with one object per diagnostic).
 */
@API(status = INTERNAL)
public final class DiagnosticPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, SourceFile> sources;

  /** {@code sources}: the files the positions refer to, by display name (may be empty). */
  public DiagnosticPrinter(Map<String, SourceFile> sources) {
    this.sources = Map.copyOf(sources);
  }

  public String text(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(text(d));
    }
    return out.toString();
  }

  /**
   * {@code file:line:col: error: WS101 message}, then the line and a caret, if the text is known.
   */
  public String text(Diagnostic d) {
    StringBuilder out = new StringBuilder(d.headline()).append('\n');
    SourceFile source = sources.get(d.pos().file());
    if (source != null && d.pos().line() <= source.lineCount()) {
      String full = source.line(d.pos().line());
      // A long line is shown as a window around the column: many diagnostics on one huge line
      // must not print the line each time (output quadratic in the input).
      int from = 0;
      int to = full.length();
      if (full.length() > MAX_EXCERPT) {
        from = Math.max(0, Math.min(d.pos().column() - 1 - MAX_EXCERPT / 4, to - MAX_EXCERPT));
        to = from + MAX_EXCERPT;
      }
      String prefix = from > 0 ? "..." : "";
      String line =
          prefix + printable(full.substring(from, to)) + (to < full.length() ? "..." : "");
      if (!line.isBlank()) {
        Pos shifted =
            new Pos(
                d.pos().file(),
                d.pos().line(),
                Math.max(1, d.pos().column() - from + prefix.length()),
                d.pos().length());
        out.append("    ").append(line).append('\n');
        out.append("    ").append(caret(line, shifted)).append('\n');
      }
    }
    return out.toString();
  }

  /** The longest part of a source line shown under a diagnostic. */
  static final int MAX_EXCERPT = 200;

  private static String caret(String line, Pos pos) {
    StringBuilder marker = new StringBuilder();
    int start = Math.min(pos.column() - 1, line.length());
    for (int i = 0; i < start; i++) {
      marker.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    int width = Math.max(1, Math.min(pos.length(), line.length() - start));
    marker.append('^');
    marker.append("~".repeat(width - 1));
    return marker.toString();
  }

  /** Control characters would garble a terminal; show them as '?'. */
  private static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints()
        .forEach(cp -> out.appendCodePoint(cp != '\t' && Character.isISOControl(cp) ? '?' : cp));
    return out.toString();
  }

  public String json(List<Diagnostic> diagnostics) {
    ArrayNode array = JSON.createArrayNode();
    diagnostics.forEach(d -> array.add(node(d)));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render diagnostics as JSON", e);
    }
  }

  /** One JSON object per line, the same objects as {@link #json}'s ({@code --format jsonl}). */
  public String jsonLines(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    diagnostics.forEach(d -> out.append(node(d)).append('\n'));
    return out.toString();
  }

  private static ObjectNode node(Diagnostic d) {
    ObjectNode node = JSON.createObjectNode();
    node.put("file", d.pos().file());
    node.put("line", d.pos().line());
    node.put("column", d.pos().column());
    node.put("length", d.pos().length());
    node.put("severity", d.severity().label());
    node.put("code", d.code().name());
    node.put("message", d.message());
    return node;
  }
}
