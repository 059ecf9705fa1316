package dev.walkspec.parse;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Pos;
import dev.walkspec.diag.Similarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery, with its messages replaced by walkspec diagnostics: "unexpected X; expected Y",
 * a missing token reported just after the token it should follow, and a misspelt keyword reported
 * as such with a suggestion. Nothing ever goes to the console.
 */
final class SyntaxErrors extends DefaultErrorStrategy {
  private static final int MAX_LISTED = 8;
  private final AstBuilder positions;
  private final Diagnostics diagnostics;

  SyntaxErrors(AstBuilder positions, Diagnostics diagnostics) {
    this.positions = positions;
    this.diagnostics = diagnostics;
  }

  @Override
  protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
    unexpected(parser, e.getOffendingToken(), parser.getExpectedTokens());
  }

  @Override
  protected void reportInputMismatch(Parser parser, InputMismatchException e) {
    unexpected(parser, e.getOffendingToken(), e.getExpectedTokens());
  }

  @Override
  protected void reportFailedPredicate(Parser parser, FailedPredicateException e) {
    unexpected(parser, e.getOffendingToken(), parser.getExpectedTokens());
  }

  @Override
  protected void reportUnwantedToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    beginErrorCondition(parser);
    unexpected(parser, parser.getCurrentToken(), getExpectedTokens(parser));
  }

  @Override
  protected void reportMissingToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    beginErrorCondition(parser);
    Token previous = parser.getInputStream().LT(-1);
    Pos where =
        previous == null
            ? positions.pos(parser.getCurrentToken())
            : afterToken(positions.pos(previous));
    String expected = describe(getExpectedTokens(parser), parser.getVocabulary());
    diagnostics.report(DiagnosticCode.WS001, where, "expected " + expected);
  }

  private static Pos afterToken(Pos token) {
    return new Pos(token.file(), token.line(), token.column() + token.length(), 1);
  }

  private void unexpected(Parser parser, Token token, IntervalSet expected) {
    Vocabulary vocabulary = parser.getVocabulary();
    Pos where = positions.pos(token);
    if (isWord(token) && !expected.contains(WalkParser.ID) && expectsKeyword(expected)) {
      diagnostics.report(
          DiagnosticCode.WS005,
          where,
          token.getText(),
          suggestion(token.getText(), expected, vocabulary));
      return;
    }
    String found = token.getType() == Token.EOF ? "end of file" : "'" + token.getText() + "'";
    diagnostics.report(
        DiagnosticCode.WS001,
        where,
        "unexpected " + found + "; expected " + describe(expected, vocabulary));
  }

  private static boolean isWord(Token token) {
    return token.getType() != Token.EOF && token.getText().matches("[A-Za-z_][A-Za-z_0-9]*");
  }

  private static boolean expectsKeyword(IntervalSet expected) {
    return expected.toList().stream().anyMatch(SyntaxErrors::isKeyword);
  }

  private static boolean isKeyword(int type) {
    String literal = WalkLexer.VOCABULARY.getLiteralName(type);
    return literal != null && literal.matches("'[a-z_]+'");
  }

  /** "; did you mean 'walker'?" for a close keyword, else the keywords that would fit. */
  private static String suggestion(String word, IntervalSet expected, Vocabulary vocabulary) {
    List<String> keywords = new ArrayList<>();
    for (int type : expected.toList()) {
      if (isKeyword(type)) {
        String literal = vocabulary.getLiteralName(type);
        keywords.add(literal.substring(1, literal.length() - 1));
      }
    }
    String closest =
        keywords.stream()
            .min(Comparator.comparingInt(k -> Similarity.editDistance(word, k)))
            .orElse(null);
    if (closest != null
        && Similarity.editDistance(word, closest) <= Math.max(1, closest.length() / 3)) {
      return "; did you mean '" + closest + "'?";
    }
    return "; expected " + describe(expected, vocabulary);
  }

  /** Expected tokens in words: "a name" stands for every soft keyword too. */
  static String describe(IntervalSet expected, Vocabulary vocabulary) {
    boolean name = expected.contains(WalkParser.ID);
    List<String> items = new ArrayList<>();
    if (name) {
      items.add("a name");
    }
    for (int type : expected.toList()) {
      if (type == WalkParser.ID || (name && isKeyword(type))) {
        continue;
      }
      items.add(type == Token.EOF ? "end of file" : display(type, vocabulary));
    }
    if (items.isEmpty()) {
      return "something else";
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    if (items.size() > MAX_LISTED) {
      int more = items.size() - MAX_LISTED;
      return "one of " + String.join(", ", items.subList(0, MAX_LISTED)) + " (" + more + " more)";
    }
    return "one of " + String.join(", ", items);
  }

  private static String display(int type, Vocabulary vocabulary) {
    String literal = vocabulary.getLiteralName(type);
    if (literal != null) {
      return literal;
    }
    return switch (vocabulary.getSymbolicName(type)) {
      case "INT" -> "a number";
      case "STRING" -> "a string";
      default -> vocabulary.getSymbolicName(type);
    };
  }
}
