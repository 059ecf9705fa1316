package dev.walkspec.parse;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Pos;
import dev.walkspec.diag.SourceFile;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.apiguardian.api.API;

/**
 * The parse stage for one file: text to {@link Ast.SpecFile}, or diagnostics. Lexical problems
 * (unterminated strings and comments, stray characters) are reported before parsing, so a parse
 * error is never a consequence of one.
 */
@API(status = INTERNAL)
public final class SpecParser {
  /** Deeper nesting than this is refused rather than risking the stack (WS011). */
  static final int MAX_NESTING = 200;

  private SpecParser() {}

  /** The file's syntax tree, or empty when it has errors (which are added to diagnostics). */
  public static Optional<Ast.SpecFile> parse(SourceFile source, Diagnostics diagnostics) {
    Diagnostics local = new Diagnostics();
    AstBuilder builder = new AstBuilder(source, local);
    CommonTokenStream tokens = lex(source);
    if (lexicalErrors(tokens, builder, local) || tooDeep(tokens, builder, local)) {
      local.sorted().forEach(diagnostics::add);
      return Optional.empty();
    }
    Optional<Ast.SpecFile> file = Optional.empty();
    try {
      WalkParser.SpecFileContext tree = parseTree(tokens, builder, local);
      if (!local.hasErrors()) {
        file = Optional.of(builder.build(tree));
      }
    } catch (StackOverflowError deep) {
      local.report(DiagnosticCode.WS011, Pos.startOf(source.displayName()), MAX_NESTING);
    }
    if (file.isPresent() && file.get().imports().isEmpty() && file.get().decls().isEmpty()) {
      local.report(DiagnosticCode.WS008, Pos.startOf(source.displayName()), source.displayName());
    }
    local.sorted().forEach(diagnostics::add);
    return local.hasErrors() ? Optional.empty() : file;
  }

  private static CommonTokenStream lex(SourceFile source) {
    WalkLexer lexer = new WalkLexer(CharStreams.fromString(source.text(), source.displayName()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    return tokens;
  }

  private static boolean lexicalErrors(
      CommonTokenStream tokens, AstBuilder builder, Diagnostics diagnostics) {
    boolean found = false;
    Token run = null;
    StringBuilder runText = new StringBuilder();
    for (Token token : tokens.getTokens()) {
      switch (token.getType()) {
        case WalkLexer.UNTERMINATED_STRING -> {
          diagnostics.report(DiagnosticCode.WS002, builder.pos(token));
          found = true;
        }
        case WalkLexer.UNTERMINATED_COMMENT -> {
          diagnostics.report(DiagnosticCode.WS004, builder.pos(token));
          found = true;
        }
        case WalkLexer.INVALID -> {
          found = true;
          if (run != null && run.getStartIndex() + runText.length() == token.getStartIndex()) {
            runText.append(token.getText());
            continue;
          }
          reportRun(run, runText, builder, diagnostics);
          run = token;
          runText.setLength(0);
          runText.append(token.getText());
          continue;
        }
        default -> {}
      }
      reportRun(run, runText, builder, diagnostics);
      run = null;
    }
    reportRun(run, runText, builder, diagnostics);
    return found;
  }

  /** One diagnostic for a run of adjacent invalid characters ("@@@"). */
  private static void reportRun(
      Token first, StringBuilder text, AstBuilder builder, Diagnostics diagnostics) {
    if (first != null) {
      Pos at = builder.pos(first);
      diagnostics.report(
          DiagnosticCode.WS003,
          new Pos(at.file(), at.line(), at.column(), text.length()),
          (text.length() == 1 ? "character '" : "characters '") + visible(text.toString()) + "'");
    }
  }

  /**
   * Refuses statements whose expressions could nest deeper than {@link #MAX_NESTING}: every
   * operator and opening bracket of one statement counts, so the depth of any expression tree (and
   * of the recursion that later stages do over it) stays bounded.
   */
  private static boolean tooDeep(
      CommonTokenStream tokens, AstBuilder builder, Diagnostics diagnostics) {
    int nesting = 0;
    for (Token token : tokens.getTokens()) {
      int type = token.getType();
      if (type == WalkLexer.SEMI || type == WalkLexer.LBRACE || type == WalkLexer.RBRACE) {
        nesting = 0;
      } else if (nests(type) && ++nesting > MAX_NESTING) {
        diagnostics.report(DiagnosticCode.WS011, builder.pos(token), MAX_NESTING);
        return true;
      }
    }
    return false;
  }

  private static boolean nests(int type) {
    return switch (type) {
      case WalkLexer.LPAREN,
          WalkLexer.LBRACK,
          WalkLexer.NOT,
          WalkLexer.QUESTION,
          WalkLexer.AND,
          WalkLexer.OR,
          WalkLexer.EQ,
          WalkLexer.NE,
          WalkLexer.LT,
          WalkLexer.LE,
          WalkLexer.GT,
          WalkLexer.GE,
          WalkLexer.PLUS,
          WalkLexer.MINUS ->
          true;
      default -> false;
    };
  }

  /** Fast SLL parsing first; full LL with error reporting only when SLL gives up. */
  private static WalkParser.SpecFileContext parseTree(
      CommonTokenStream tokens, AstBuilder builder, Diagnostics diagnostics) {
    WalkParser parser = new WalkParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return parser.specFile();
    } catch (ParseCancellationException sllFailed) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new SyntaxErrors(builder, diagnostics));
      return parser.specFile();
    }
  }

  /** Control and other invisible characters are shown as their code, e.g. \u0007. */
  private static String visible(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)
                  || Character.isWhitespace(cp)
                  || !Character.isDefined(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }
}
