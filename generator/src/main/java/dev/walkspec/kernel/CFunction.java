package dev.walkspec.kernel;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A function definition found in a token stream: its name, parameter tokens (between the
 * parentheses) and body tokens (between the braces, exclusive).
 */
@API(status = INTERNAL)
public record CFunction(String name, List<CToken> parameters, List<CToken> body, int line) {
  public CFunction {
    parameters = List.copyOf(parameters);
    body = List.copyOf(body);
  }

  /** The definition of {@code name}: its name, then (...), then a body, at file level. */
  public static Optional<CFunction> find(List<CToken> tokens, String name) {
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      CToken t = tokens.get(i);
      if (t.is("{")) {
        depth++;
      } else if (t.is("}")) {
        depth--;
      } else if (depth == 0 && t.is(name) && i + 1 < tokens.size() && tokens.get(i + 1).is("(")) {
        int close = matching(tokens, i + 1, "(", ")");
        if (close > 0 && close + 1 < tokens.size() && tokens.get(close + 1).is("{")) {
          int end = matching(tokens, close + 1, "{", "}");
          if (end > 0) {
            return Optional.of(
                new CFunction(
                    name, tokens.subList(i + 2, close), tokens.subList(close + 2, end), t.line()));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The names of the parameters: the last identifier of each comma-separated part. */
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    String last = null;
    int depth = 0;
    for (CToken t : parameters) {
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      } else if (t.is(",") && depth == 0) {
        addName(names, last);
        last = null;
      } else if (t.isIdentifier() && depth == 0) {
        last = t.text();
      }
    }
    addName(names, last);
    return names;
  }

  private static void addName(List<String> names, String name) {
    if (name != null && !name.equals("void")) {
      names.add(name);
    }
  }

  /** The index of the token that closes the one at {@code open}, or -1. */
  static int matching(List<CToken> tokens, int open, String opener, String closer) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).is(opener)) {
        depth++;
      } else if (tokens.get(i).is(closer) && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
