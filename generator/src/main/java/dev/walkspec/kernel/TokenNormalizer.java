package dev.walkspec.kernel;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Takes out of a function's tokens what a rendering is free to choose, so that two functions that
 * do the same thing compare equal: declarations without an initializer go (a declaration with one
 * keeps its initialization, without the type); designated initializers are sorted by field; and
 * locals, parameters and labels get canonical names ($0, $1, ... in order of first use). Members
 * ({@code range->start}, {@code .start}) keep their names: they are the kernel's.
 */
@API(status = INTERNAL)
public final class TokenNormalizer {
  private static final Set<String> TYPE_WORDS =
      Set.of(
          "int",
          "long",
          "unsigned",
          "signed",
          "short",
          "char",
          "bool",
          "void",
          "const",
          "volatile",
          "static",
          "u8",
          "u16",
          "u32",
          "u64",
          "s8",
          "s16",
          "s32",
          "s64");
  private static final Set<String> TAGS = Set.of("struct", "union", "enum");

  private TokenNormalizer() {}

  public static List<CToken> normalize(CFunction function) {
    Set<String> locals = new HashSet<>(function.parameterNames());
    List<CToken> body = withoutBareDeclarations(function.body(), locals);
    body = sortedInitializers(body);
    collectLabels(body, locals);
    return renamed(body, locals);
  }

  /** Drops declarations without '=', keeps the rest of those with one; records declared names. */
  static List<CToken> withoutBareDeclarations(List<CToken> tokens, Set<String> declared) {
    List<CToken> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      boolean statementStart = i == 0 || isBoundary(tokens.get(i - 1));
      int typeEnd = statementStart ? typePrefixEnd(tokens, i) : i;
      if (typeEnd > i && typeEnd < tokens.size() && tokens.get(typeEnd).isIdentifier()) {
        int end = statementEnd(tokens, typeEnd);
        List<CToken> declarators = tokens.subList(typeEnd, end + 1);
        declaredNames(declarators, declared);
        if (declarators.stream().anyMatch(t -> t.is("="))) {
          out.addAll(declarators);
        }
        i = end + 1;
      } else {
        out.add(tokens.get(i++));
      }
    }
    return out;
  }

  private static boolean isBoundary(CToken t) {
    return t.is(";") || t.is("{") || t.is("}");
  }

  /** Where a type at {@code start} ends (start itself when there is none). */
  private static int typePrefixEnd(List<CToken> tokens, int start) {
    int i = start;
    boolean sawType = false;
    while (i < tokens.size()) {
      CToken t = tokens.get(i);
      if (TYPE_WORDS.contains(t.text())) {
        sawType |= !t.is("const") && !t.is("static") && !t.is("volatile");
        i++;
      } else if (TAGS.contains(t.text()) && i + 1 < tokens.size()) {
        sawType = true;
        i += 2;
      } else if (!sawType && t.isIdentifier() && t.text().endsWith("_t")) {
        sawType = true;
        i++;
      } else if (sawType && t.is("*")) {
        i++;
      } else {
        break;
      }
    }
    return sawType ? i : start;
  }

  /** The index of the ';' that ends the statement, past any braces and parentheses. */
  private static int statementEnd(List<CToken> tokens, int from) {
    int depth = 0;
    for (int i = from; i < tokens.size(); i++) {
      String s = tokens.get(i).text();
      if (s.equals("(") || s.equals("{") || s.equals("[")) {
        depth++;
      } else if (s.equals(")") || s.equals("}") || s.equals("]")) {
        depth--;
      } else if (s.equals(";") && depth == 0) {
        return i;
      }
    }
    return tokens.size() - 1;
  }

  private static void declaredNames(List<CToken> declarators, Set<String> into) {
    boolean expectName = true;
    int depth = 0;
    for (CToken t : declarators) {
      if (t.is("(") || t.is("{") || t.is("[")) {
        depth++;
      } else if (t.is(")") || t.is("}") || t.is("]")) {
        depth--;
      } else if (depth == 0 && t.is(",")) {
        expectName = true;
      } else if (depth == 0 && expectName && t.isIdentifier()) {
        into.add(t.text());
        expectName = false;
      }
    }
  }

  /** {@code = { .b = x, .a = y, }} becomes {@code = { .a = y , .b = x }}. */
  static List<CToken> sortedInitializers(List<CToken> tokens) {
    List<CToken> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      boolean designated =
          tokens.get(i).is("{")
              && i > 0
              && tokens.get(i - 1).is("=")
              && i + 1 < tokens.size()
              && tokens.get(i + 1).is(".");
      int close = designated ? CFunction.matching(tokens, i, "{", "}") : -1;
      if (close < 0) {
        out.add(tokens.get(i++));
        continue;
      }
      out.add(tokens.get(i));
      List<List<CToken>> fields = fields(tokens.subList(i + 1, close));
      fields.sort(Comparator.comparing(f -> f.size() > 1 ? f.get(1).text() : ""));
      for (int f = 0; f < fields.size(); f++) {
        if (f > 0) {
          out.add(new CToken(",", CToken.Kind.PUNCTUATOR, fields.get(f).get(0).line()));
        }
        out.addAll(fields.get(f));
      }
      out.add(tokens.get(close));
      i = close + 1;
    }
    return out;
  }

  private static List<List<CToken>> fields(List<CToken> inside) {
    List<List<CToken>> fields = new ArrayList<>();
    List<CToken> field = new ArrayList<>();
    int depth = 0;
    for (CToken t : inside) {
      if (t.is("(") || t.is("{") || t.is("[")) {
        depth++;
      } else if (t.is(")") || t.is("}") || t.is("]")) {
        depth--;
      }
      if (depth == 0 && t.is(",")) {
        fields.add(field);
        field = new ArrayList<>();
      } else {
        field.add(t);
      }
    }
    if (!field.isEmpty()) {
      fields.add(field);
    }
    return fields;
  }

  /** Labels: {@code name:} at a statement's start (not case/default), and goto targets. */
  private static void collectLabels(List<CToken> tokens, Set<String> into) {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      CToken t = tokens.get(i);
      boolean start = i == 0 || isBoundary(tokens.get(i - 1)) || tokens.get(i - 1).is(":");
      if (t.isIdentifier() && start && tokens.get(i + 1).is(":") && !t.is("default")) {
        into.add(t.text());
      }
      if (t.is("goto") && tokens.get(i + 1).isIdentifier()) {
        into.add(tokens.get(i + 1).text());
      }
    }
  }

  private static List<CToken> renamed(List<CToken> tokens, Set<String> names) {
    Map<String, String> canonical = new HashMap<>();
    List<CToken> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      CToken t = tokens.get(i);
      boolean member = i > 0 && (tokens.get(i - 1).is(".") || tokens.get(i - 1).is("->"));
      if (t.isIdentifier() && !member && names.contains(t.text())) {
        out.add(t.renamed(canonical.computeIfAbsent(t.text(), n -> "$" + canonical.size())));
      } else {
        out.add(t);
      }
    }
    return out;
  }
}
