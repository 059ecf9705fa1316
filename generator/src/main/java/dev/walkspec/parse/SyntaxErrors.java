package dev.walkspec.parse;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Pos;
import dev.walkspec.diag.Similarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery, with its messages replaced by walkspec diagnostics: "unexpected X; expected Y",
 * a missing token reported just after the token it should follow, and a misspelt keyword reported
 * as such with a suggestion. Nothing ever goes to the console.
 *
 * <p>One error per statement: after a syntax error, ANTLR's recovery (deleting or inserting a
 * token) often reads the rest of the statement differently from what was meant, and because most
 * keywords are soft, that reading can fail again a few tokens later. Such follow-on errors are not
 * reported; reporting resumes once the parser has moved past a statement end (a semicolon or a
 * brace) that follows the reported error. Nor is the closing brace of a block in which an error was
 * reported: recovery may have left the block early, so that brace looks like one too many.
 */
final class SyntaxErrors extends DefaultErrorStrategy {
  private static final int MAX_LISTED = 8;

  /** The keywords a top-level declaration starts with. */
  private static final List<Integer> DECLARATION_KEYWORDS =
      List.of(
          WalkParser.IMPORT,
          WalkParser.CONFIG,
          WalkParser.HANDLER,
          WalkParser.CALLBACK,
          WalkParser.WALKER,
          WalkParser.OPERATION,
          WalkParser.PROFILE,
          WalkParser.ABSTRACT,
          WalkParser.OBLIGATION,
          WalkParser.REFINE);

  /** The keywords an item of a walker block (a rule, inputs, flags...) starts with. */
  private static final List<Integer> WALKER_KEYWORDS =
      List.of(
          WalkParser.INPUTS,
          WalkParser.FLAGS,
          WalkParser.CALLBACKS,
          WalkParser.DROP,
          WalkParser.GUARD,
          WalkParser.SECTION,
          WalkParser.VISIT,
          WalkParser.CLIP,
          WalkParser.RANGE,
          WalkParser.LOCK,
          WalkParser.NULL_HANDLER,
          WalkParser.RESULT,
          WalkParser.FLUSH,
          WalkParser.UNLOCK,
          WalkParser.RETURN,
          WalkParser.PASS);

  /** The keywords an item of a profile block starts with (other items are assignments). */
  private static final List<Integer> PROFILE_KEYWORDS =
      List.of(WalkParser.SELECTS, WalkParser.DROP);

  private final AstBuilder positions;
  private final Diagnostics diagnostics;

  /** The index of the token the last reported error was at; -1 before the first. */
  private int lastReported = -1;

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
    if (reportedMisspeltKeyword(parser, parser.getCurrentToken())
        || !report(parser, parser.getCurrentToken())) {
      return;
    }
    Token previous = parser.getInputStream().LT(-1);
    Pos where =
        previous == null
            ? positions.pos(parser.getCurrentToken())
            : afterToken(positions.pos(previous));
    String expected = describe(getExpectedTokens(parser), parser.getVocabulary());
    diagnostics.report(DiagnosticCode.WS001, where, "expected " + expected);
  }

  /**
   * Whether an error at this token starts a new statement's trouble, rather than following from the
   * error last reported; records it as the last reported error if so.
   */
  private boolean report(Parser parser, Token at) {
    int index = at.getTokenIndex();
    TokenStream tokens = parser.getInputStream();
    if (lastReported >= 0 && at.getType() == WalkParser.RBRACE) {
      // Recovery from an error inside a block may leave the block early; its own closing brace
      // then looks stray. It is not a new error.
      int open = matchingOpenBrace(tokens, index);
      if (open >= 0 && lastReported > open) {
        return false;
      }
    }
    if (lastReported >= 0 && index >= lastReported) {
      boolean passedStatementEnd = false;
      for (int i = lastReported + 1; i < index && !passedStatementEnd; i++) {
        int type = tokens.get(i).getType();
        passedStatementEnd =
            type == WalkParser.SEMI || type == WalkParser.LBRACE || type == WalkParser.RBRACE;
      }
      if (!passedStatementEnd) {
        return false;
      }
    }
    lastReported = index;
    return true;
  }

  /** The index of the brace that the one at {@code close} closes, or -1. */
  private static int matchingOpenBrace(TokenStream tokens, int close) {
    int depth = 0;
    for (int i = close - 1; i >= 0; i--) {
      int type = tokens.get(i).getType();
      if (type == WalkParser.RBRACE) {
        depth++;
      } else if (type == WalkParser.LBRACE && depth-- == 0) {
        return i;
      }
    }
    return -1;
  }

  private static Pos afterToken(Pos token) {
    return new Pos(token.file(), token.line(), token.column() + token.length(), 1);
  }

  /**
   * Reports the word before {@code offending} as a misspelt keyword, if it is one; true when it is
   * (reported now, or suppressed as part of an error already reported).
   */
  private boolean reportedMisspeltKeyword(Parser parser, Token offending) {
    Optional<Token> misspelt = misspeltStatementKeyword(parser, offending);
    if (misspelt.isPresent() && report(parser, misspelt.get())) {
      String word = misspelt.get().getText();
      String keyword = closest(word, statementKeywords(parser.getContext()));
      diagnostics.report(
          DiagnosticCode.WS005,
          positions.pos(misspelt.get()),
          word,
          "; did you mean '" + keyword + "'?");
    }
    return misspelt.isPresent();
  }

  private void unexpected(Parser parser, Token token, IntervalSet expected) {
    if (reportedMisspeltKeyword(parser, token) || !report(parser, token)) {
      return;
    }
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

  /**
   * A misspelt keyword that the parser took for a name: a word that starts a statement (after a
   * semicolon, a brace, or at the start of the file), is not a keyword that starts a statement
   * where it stands, is close to one that does, and is directly followed by the token that did not
   * fit. Because most keywords are soft, {@code gaurd W1a ...} or {@code callback handler;} right
   * after {@code inputs start, end: hva;} read as one more input, and the error would otherwise be
   * about the word after the typo.
   */
  private static Optional<Token> misspeltStatementKeyword(Parser parser, Token offending) {
    TokenStream tokens = parser.getInputStream();
    Token word = previousOnChannel(tokens, offending.getTokenIndex());
    List<Integer> keywords = statementKeywords(parser.getContext());
    if (word == null || !isWord(word) || keywords.contains(word.getType())) {
      return Optional.empty();
    }
    Token before = previousOnChannel(tokens, word.getTokenIndex());
    boolean startsStatement =
        before == null
            || before.getType() == WalkParser.SEMI
            || before.getType() == WalkParser.LBRACE
            || before.getType() == WalkParser.RBRACE;
    if (!startsStatement) {
      return Optional.empty();
    }
    String closest = closest(word.getText(), keywords);
    boolean close =
        Similarity.editDistance(word.getText(), closest) <= Math.max(1, closest.length() / 3);
    return close ? Optional.of(word) : Optional.empty();
  }

  /** The keywords that start a statement in the block the parser is in. */
  private static List<Integer> statementKeywords(RuleContext context) {
    for (RuleContext at = context; at != null; at = at.parent) {
      if (at instanceof WalkParser.WalkerDeclContext) {
        return WALKER_KEYWORDS;
      } else if (at instanceof WalkParser.ProfileDeclContext) {
        return PROFILE_KEYWORDS;
      } else if (at instanceof WalkParser.OperationDeclContext) {
        return List.of(WalkParser.DROP);
      }
    }
    return DECLARATION_KEYWORDS;
  }

  private static String closest(String word, List<Integer> keywords) {
    return keywords.stream()
        .map(type -> WalkLexer.VOCABULARY.getLiteralName(type).replace("'", ""))
        .min(Comparator.comparingInt(k -> Similarity.editDistance(word, k)))
        .orElseThrow();
  }

  /** The default-channel token before the one at {@code index}, or null. */
  private static Token previousOnChannel(TokenStream tokens, int index) {
    for (int i = index - 1; i >= 0; i--) {
      Token t = tokens.get(i);
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        return t;
      }
    }
    return null;
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
