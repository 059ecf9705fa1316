package dev.walkspec.conform.report;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.conform.MatrixResult;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.suite.InconclusiveExploration;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a conformance run's reports into a directory: {@code report.html} (self-contained: inline
 * CSS, SVG and one inline script for filtering the counterexamples, nothing fetched; without script
 * it shows everything), {@code junit.xml} for CI (one test case per cell, failing when the cell
 * differs from the expected outcomes) and {@code summary.md} for a pull-request comment. Each file
 * is written beside its target and moved into place.
 */
public final class ReportFiles {
  public static final String HTML = "report.html";
  public static final String JUNIT = "junit.xml";
  public static final String MARKDOWN = "summary.md";
  public static final String MATRIX_DOC = "conformance-matrix.md";
  public static final String OBLIGATIONS_DOC = "obligations.md";
  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(ContentType.Html);

  private ReportFiles() {}

  public static void write(Path dir, ReportView view, MatrixResult result) throws IOException {
    Files.createDirectories(dir);
    replace(dir.resolve(HTML), html(view));
    replace(dir.resolve(JUNIT), junit(view, result));
    replace(dir.resolve(MARKDOWN), markdown(view));
    replace(dir.resolve(MATRIX_DOC), MatrixDoc.of(view));
    if (view.specs().contains(ObligationsDoc.CANONICAL)) {
      replace(dir.resolve(OBLIGATIONS_DOC), ObligationsDoc.of(view, canonicalSpec()));
    }
  }

  /** The bundled kvm.walk, whose obligations obligations.md states. */
  private static CheckedSpec canonicalSpec() throws IOException {
    CheckOutcome outcome = Pipeline.standard().check(BundledSpecs.file("kvm.walk"));
    return outcome
        .spec()
        .orElseThrow(
            () -> new IOException("the bundled kvm.walk does not check: " + outcome.diagnostics()));
  }

  public static String html(ReportView view) {
    StringOutput out = new StringOutput();
    TEMPLATES.render("report.jte", view, out);
    return out.toString();
  }

  static String junit(ReportView view, MatrixResult result) throws IOException {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "walkspec conform");
      xml.writeAttribute("tests", Integer.toString(result.sets().size() * result.specs().size()));
      long failing =
          view.rows().stream()
              .flatMap(r -> r.cells().stream())
              .filter(c -> c.status().equals("unexpected") || c.status().equals("missing"))
              .count();
      xml.writeAttribute("failures", Long.toString(failing));
      // A cut-short exploration is an error of the run, not a failure of the handler (issue 19).
      long inconclusive =
          view.rows().stream()
              .flatMap(r -> r.cells().stream())
              .filter(c -> c.status().equals(InconclusiveExploration.VERDICT))
              .count();
      xml.writeAttribute("errors", Long.toString(inconclusive));
      xml.writeAttribute("time", view.seconds());
      for (int r = 0; r < view.rows().size(); r++) {
        ReportView.Row row = view.rows().get(r);
        for (int c = 0; c < view.specs().size(); c++) {
          ReportView.Cell cell = row.cells().get(c);
          xml.writeCharacters("\n  ");
          xml.writeStartElement("testcase");
          // Stable names (set and spec), so CI can follow a cell from run to run.
          xml.writeAttribute("classname", "walkspec.conform." + row.set());
          xml.writeAttribute("name", view.specs().get(c));
          if (cell.status().equals("unexpected") || cell.status().equals("missing")) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", cell.title());
            xml.writeCharacters(failureBody(view, row.set(), view.specs().get(c), cell));
            xml.writeEndElement();
          } else if (cell.status().equals(InconclusiveExploration.VERDICT)) {
            xml.writeStartElement("error");
            xml.writeAttribute("type", InconclusiveExploration.VERDICT);
            xml.writeAttribute("message", cell.title());
            xml.writeCharacters(cell.title());
            xml.writeEndElement();
          }
          xml.writeStartElement("system-out");
          xml.writeCharacters(cell.text() + ": " + cell.title());
          xml.writeEndElement();
          xml.writeEndElement();
        }
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the JUnit XML report", e);
    }
    return text + "\n";
  }

  /**
   * A failing cell's JUnit failure body, as Surefire writes one: what differs, then each
   * counterexample of the cell with the command that reproduces it and its full report.
   */
  static String failureBody(ReportView view, String set, String spec, ReportView.Cell cell) {
    StringBuilder body = new StringBuilder(cell.title()).append('\n');
    for (ReportView.Failure f : view.failures()) {
      if (f.set().equals(set) && f.spec().equals(spec)) {
        body.append("\n")
            .append(f.obligation())
            .append(" in ")
            .append(f.binding())
            .append(": ")
            .append(f.finding())
            .append("\nreproduce: ")
            .append(f.reproduce())
            .append("\n\n")
            .append(f.report().strip())
            .append('\n');
      }
    }
    return body.toString();
  }

  /** The matrix as a Markdown table, for a pull-request comment. */
  static String markdown(ReportView view) {
    StringBuilder md = new StringBuilder("## walkspec conformance\n\n");
    md.append(
        view.asExpected()
            ? "Every outcome is as `expected-outcomes.tsv` says"
            : view.differences().size() + " outcome(s) differ from `expected-outcomes.tsv`");
    md.append(
        String.format(
            Locale.ROOT,
            " (%d specs, %d handler sets, %d tests, %d schedules explored, %s s).%n%n",
            view.specs().size(),
            view.rows().size(),
            view.tests(),
            view.schedules(),
            view.seconds()));
    md.append("| handler | ").append(String.join(" | ", view.specs())).append(" |\n");
    md.append("|---|").append("---|".repeat(view.specs().size())).append('\n');
    for (ReportView.Row row : view.rows()) {
      md.append("| ").append(row.knownBad() ? "_" + row.set() + "_" : row.set());
      for (ReportView.Cell cell : row.cells()) {
        String mark =
            cell.status().equals("unexpected") || cell.status().equals("missing") ? " ❌" : "";
        md.append(" | ").append(cell.text()).append(mark);
      }
      md.append(" |\n");
    }
    view.mutation()
        .ifPresent(
            m ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "%nSpec mutants of %s: %d of %d killed (%d by the checker, %d by the walker"
                            + " suites), %d survived, %d known equivalents not run.%n",
                        m.spec(),
                        m.byChecker() + m.bySuites(),
                        m.total(),
                        m.byChecker(),
                        m.bySuites(),
                        m.survived(),
                        m.notRun())));
    if (!view.differences().isEmpty()) {
      md.append("\nDifferences:\n\n");
      view.differences().forEach(d -> md.append("- ").append(d).append('\n'));
    }
    return md.toString();
  }

  private static void replace(Path target, String content) throws IOException {
    // A sibling with a fresh name (default permissions, unlike createTempFile's owner-only ones).
    Path temp =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
