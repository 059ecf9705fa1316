package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.Severity;
import dev.walkspec.diag.SourceFile;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a generation run did: nothing because everything was up to date, nothing because of errors
 * (then the previous output is untouched), or wrote this many walker and suite files.
 */
@API(status = INTERNAL)
public record GenerateResult(
    boolean upToDate,
    int walkerFiles,
    int suiteFiles,
    List<Diagnostic> diagnostics,
    Map<String, SourceFile> sources) {
  public GenerateResult {
    diagnostics = List.copyOf(diagnostics);
    sources = Map.copyOf(sources);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }
}
