package dev.walkspec.diag;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** How bad a diagnostic is. Errors stop the pipeline; warnings do not (unless asked to). */
@API(status = INTERNAL)
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
