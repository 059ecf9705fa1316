package dev.walkspec.diag;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** One problem found in a spec: what (code and message) and where. */
@API(status = INTERNAL)
public record Diagnostic(DiagnosticCode code, Pos pos, String message)
    implements Comparable<Diagnostic> {

  public static Diagnostic of(DiagnosticCode code, Pos pos, Object... args) {
    return new Diagnostic(code, pos, code.format(args));
  }

  public Severity severity() {
    return code.severity();
  }

  /** The one-line form {@code file:line:col: error: WS101 message}. */
  public String headline() {
    return pos + ": " + severity().label() + ": " + code + " " + message;
  }

  @Override
  public int compareTo(Diagnostic other) {
    int byPos = pos.compareTo(other.pos);
    return byPos != 0 ? byPos : code.compareTo(other.code);
  }
}
