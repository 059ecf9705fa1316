package dev.walkspec.diag;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/** Collects the diagnostics of one pipeline run, in a stable order, without duplicates. */
@API(status = INTERNAL)
public final class Diagnostics {
  private final Set<Diagnostic> reported = new LinkedHashSet<>();

  public void report(DiagnosticCode code, Pos pos, Object... args) {
    reported.add(Diagnostic.of(code, pos, args));
  }

  public void add(Diagnostic diagnostic) {
    reported.add(diagnostic);
  }

  public boolean hasErrors() {
    return reported.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  public boolean isEmpty() {
    return reported.isEmpty();
  }

  /** All diagnostics sorted by file, line, column and code. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> list = new ArrayList<>(reported);
    list.sort(null);
    return List.copyOf(list);
  }
}
