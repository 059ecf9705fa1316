package dev.walkspec.kernel;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One token of C source: its text (compared), its kind, the line it starts on (1-based), and the
 * text it had in the source (shown; it differs from the text once a local is renamed).
 */
@API(status = INTERNAL)
public record CToken(String text, Kind kind, int line, String source) {
  public CToken(String text, Kind kind, int line) {
    this(text, kind, line, text);
  }

  public enum Kind {
    IDENTIFIER,
    NUMBER,
    STRING,
    PUNCTUATOR
  }

  public boolean is(String s) {
    return text.equals(s);
  }

  public boolean isIdentifier() {
    return kind == Kind.IDENTIFIER;
  }

  /** The same token under another name (a canonical name for a renamed local). */
  CToken renamed(String name) {
    return new CToken(name, kind, line, source);
  }
}
