package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.Severity;
import dev.walkspec.diag.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** What checking one root spec gave: the checked spec (when no errors), diagnostics, sources. */
@API(status = INTERNAL)
public record CheckOutcome(
    Optional<CheckedSpec> spec, List<Diagnostic> diagnostics, Map<String, SourceFile> sources) {
  public CheckOutcome {
    diagnostics = List.copyOf(diagnostics);
    sources = Map.copyOf(sources);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** The checked spec; only call when there were no errors. */
  public CheckedSpec checked() {
    return spec.orElseThrow(() -> new IllegalStateException("the spec has errors"));
  }
}
