package dev.walkspec.diag;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The table of every diagnostic code for the language reference (docs/language.md), generated from
 * {@link DiagnosticCode} so the two cannot drift apart: a test compares the table in the document
 * with this one.
 */
@API(status = INTERNAL)
public final class DiagnosticsTable {
  private DiagnosticsTable() {}

  /** A Markdown table: code, severity, what it means, and the message ({@code %s}: a detail). */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| code | severity | what it means | message |\n");
    out.append("|---|---|---|---|\n");
    for (DiagnosticCode code : DiagnosticCode.values()) {
      out.append("| ")
          .append(code.name())
          .append(" | ")
          .append(code.severity().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(cell(code.documentation()))
          .append(" | ")
          .append(cell(code.template()))
          .append(" |\n");
    }
    return out.toString();
  }

  /** A table cell: a pipe would end the cell, a line break the row, a star start emphasis. */
  private static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", " ");
  }
}
