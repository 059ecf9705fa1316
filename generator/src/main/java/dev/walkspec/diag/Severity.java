package dev.walkspec.diag;

/** How bad a diagnostic is. Errors stop the pipeline; warnings do not (unless asked to). */
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
