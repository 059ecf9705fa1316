package dev.walkspec.kernel;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Splits C source into tokens, dropping whitespace, comments and preprocessor lines (directives are
 * not part of what the check compares). Enough C for kernel sources: identifiers, numbers with
 * suffixes, string and character literals with escapes, and the multi-character punctuators.
 */
@API(status = INTERNAL)
public final class CTokenizer {
  private static final String[] PUNCTUATORS = {
    "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##"
  };

  private final String text;
  private final List<CToken> tokens = new ArrayList<>();
  private int at;
  private int line = 1;
  private boolean lineStart = true;

  private CTokenizer(String text) {
    this.text = text;
  }

  public static List<CToken> tokenize(String text) {
    CTokenizer t = new CTokenizer(text);
    t.run();
    return List.copyOf(t.tokens);
  }

  private void run() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\n') {
        line++;
        at++;
        lineStart = true;
      } else if (Character.isWhitespace(c)) {
        at++;
      } else if (text.startsWith("/*", at)) {
        skipBlockComment();
      } else if (text.startsWith("//", at)) {
        skipToLineEnd();
      } else if (c == '#' && lineStart) {
        skipDirective();
      } else {
        lineStart = false;
        token(c);
      }
    }
  }

  private void token(char c) {
    int start = at;
    int startLine = line;
    if (Character.isLetter(c) || c == '_') {
      while (at < text.length()
          && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
      add(start, startLine, CToken.Kind.IDENTIFIER);
    } else if (Character.isDigit(c)) {
      while (at < text.length()
          && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
        at++;
      }
      add(start, startLine, CToken.Kind.NUMBER);
    } else if (c == '"' || c == '\'') {
      at++;
      while (at < text.length() && text.charAt(at) != c && text.charAt(at) != '\n') {
        at += text.charAt(at) == '\\' ? 2 : 1;
      }
      at = Math.min(at + 1, text.length());
      add(start, startLine, CToken.Kind.STRING);
    } else {
      at += punctuatorLength();
      add(start, startLine, CToken.Kind.PUNCTUATOR);
    }
  }

  private int punctuatorLength() {
    for (String p : PUNCTUATORS) {
      if (text.startsWith(p, at)) {
        return p.length();
      }
    }
    return 1;
  }

  private void add(int start, int startLine, CToken.Kind kind) {
    tokens.add(new CToken(text.substring(start, at), kind, startLine));
  }

  private void skipBlockComment() {
    int end = text.indexOf("*/", at + 2);
    int stop = end < 0 ? text.length() : end + 2;
    for (int i = at; i < stop; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    at = stop;
  }

  private void skipToLineEnd() {
    while (at < text.length() && text.charAt(at) != '\n') {
      at++;
    }
  }

  /** A directive ends at a line end that no backslash continues. */
  private void skipDirective() {
    while (at < text.length() && text.charAt(at) != '\n') {
      if (text.charAt(at) == '\\' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
        line++;
        at++;
      }
      at++;
    }
  }
}
