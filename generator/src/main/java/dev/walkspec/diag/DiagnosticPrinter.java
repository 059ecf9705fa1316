package dev.walkspec.diag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics for people (headline, the source line, a caret under the construct) and for
 * tools (a JSON array with one object per diagnostic).
 */
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
      String line = printable(source.line(d.pos().line()));
      if (!line.isBlank()) {
        out.append("    ").append(line).append('\n');
        out.append("    ").append(caret(line, d.pos())).append('\n');
      }
    }
    return out.toString();
  }

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
    for (Diagnostic d : diagnostics) {
      ObjectNode node = array.addObject();
      node.put("file", d.pos().file());
      node.put("line", d.pos().line());
      node.put("column", d.pos().column());
      node.put("length", d.pos().length());
      node.put("severity", d.severity().label());
      node.put("code", d.code().name());
      node.put("message", d.message());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render diagnostics as JSON", e);
    }
  }
}
