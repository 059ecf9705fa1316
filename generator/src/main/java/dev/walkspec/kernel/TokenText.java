package dev.walkspec.kernel;

import java.util.List;
import java.util.Set;

/** Tokens shown as C again, compactly: {@code r.ret}, {@code f(a, b);}, not {@code r . ret}. */
final class TokenText {
  private static final int SHOWN = 90;
  private static final Set<String> TIGHT_BEFORE =
      Set.of(")", ",", ";", ".", "->", "]", "[", "++", "--");
  private static final Set<String> TIGHT_AFTER = Set.of("(", ".", "->", "!", "[", "~");
  private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "return");

  private TokenText() {}

  static String of(List<CToken> tokens) {
    StringBuilder out = new StringBuilder();
    CToken previous = null;
    for (CToken t : tokens) {
      if (previous != null && !tight(previous, t)) {
        out.append(' ');
      }
      out.append(t.source());
      previous = t;
    }
    String text = out.toString();
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN - 3) + "...";
  }

  private static boolean tight(CToken previous, CToken next) {
    boolean call =
        next.is("(")
            && (previous.isIdentifier() || previous.is(")"))
            && !KEYWORDS.contains(previous.text());
    return TIGHT_BEFORE.contains(next.text()) || TIGHT_AFTER.contains(previous.text()) || call;
  }
}
