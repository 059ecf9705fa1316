package dev.walkspec.parse;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Pos;
import dev.walkspec.diag.SourceFile;
import dev.walkspec.model.Decls.Assignment;
import dev.walkspec.model.Decls.Callback;
import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Decls.HandlerKind;
import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.model.Decls.Profile;
import dev.walkspec.model.Decls.TypedName;
import dev.walkspec.model.Expr;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns ANTLR's parse tree of one file into {@link Ast} records with positions. Words from a closed
 * vocabulary (lock points, roundings, combinators) are checked here, since they are part of the
 * syntax of their rule.
 */
final class AstBuilder {
  private final SourceFile source;
  private final String file;
  private final Diagnostics diagnostics;

  /**
   * For each code point index of the text, its char index; null when the two are equal (no
   * character outside the BMP). ANTLR's streams count code points, {@link SourceFile} counts chars.
   */
  private final int[] charIndex;

  AstBuilder(SourceFile source, Diagnostics diagnostics) {
    this.source = source;
    this.file = source.displayName();
    this.diagnostics = diagnostics;
    this.charIndex = charIndex(source.text());
  }

  private static int[] charIndex(String text) {
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints == text.length()) {
      return null;
    }
    int[] index = new int[codePoints + 1];
    int at = 0;
    for (int cp = 0; cp < codePoints; cp++) {
      index[cp] = at;
      at += Character.charCount(text.codePointAt(at));
    }
    index[codePoints] = at;
    return index;
  }

  /** The char offset of a code point index of the text (the end of the text when beyond it). */
  private int offset(int codePointIndex) {
    if (charIndex == null) {
      return Math.min(Math.max(codePointIndex, 0), source.text().length());
    }
    return charIndex[Math.min(Math.max(codePointIndex, 0), charIndex.length - 1)];
  }

  Ast.SpecFile build(WalkParser.SpecFileContext ctx) {
    List<Ast.Import> imports = new ArrayList<>();
    for (WalkParser.ImportDeclContext i : ctx.importDecl()) {
      imports.add(new Ast.Import(string(i.STRING().getSymbol()), pos(i.STRING().getSymbol())));
    }
    List<Ast.Decl> decls = new ArrayList<>();
    for (WalkParser.DeclarationContext d : ctx.declaration()) {
      decls.add(declaration(d));
    }
    return new Ast.SpecFile(file, imports, decls);
  }

  private Ast.Decl declaration(WalkParser.DeclarationContext d) {
    if (d.configDecl() != null) {
      return config(d.configDecl());
    } else if (d.handlerKindDecl() != null) {
      return handlerKind(d.handlerKindDecl());
    } else if (d.callbackDecl() != null) {
      WalkParser.CallbackDeclContext c = d.callbackDecl();
      return new Ast.CallbackDecl(
          c.REFINE() != null, new Callback(name(c.name()), doc(c.doc()), pos(c)));
    } else if (d.walkerDecl() != null) {
      return walker(d.walkerDecl());
    } else if (d.operationDecl() != null) {
      return operation(d.operationDecl());
    } else if (d.profileDecl() != null) {
      return profile(d.profileDecl());
    }
    return obligation(d.obligationDecl());
  }

  // ---- config, handler kinds --------------------------------------------------------------

  private Ast.ConfigDecl config(WalkParser.ConfigDeclContext c) {
    Optional<Expr> defaultValue = Optional.empty();
    Optional<Expr> dependsOn = Optional.empty();
    boolean afterOn = false;
    for (ParseTree child : c.children) {
      if (child instanceof TerminalNode t && t.getSymbol().getType() == WalkParser.ON) {
        afterOn = true;
      } else if (child instanceof WalkParser.ExprContext e) {
        if (afterOn) {
          dependsOn = Optional.of(expr(e));
        } else {
          defaultValue = Optional.of(expr(e));
        }
      }
    }
    Optional<Name> type = Optional.ofNullable(c.typeName()).map(t -> name(t.name()));
    ConfigOption option =
        new ConfigOption(name(c.name()), type, defaultValue, dependsOn, doc(c.doc()), pos(c));
    return new Ast.ConfigDecl(c.REFINE() != null, option);
  }

  private Ast.HandlerKindDecl handlerKind(WalkParser.HandlerKindDeclContext h) {
    Optional<Name> type = Optional.ofNullable(h.typeName()).map(t -> name(t.name()));
    return new Ast.HandlerKindDecl(
        h.REFINE() != null, new HandlerKind(name(h.name()), type, doc(h.doc()), pos(h)));
  }

  // ---- walker --------------------------------------------------------------------------------

  private Ast.WalkerDecl walker(WalkParser.WalkerDeclContext w) {
    List<Ast.WalkerItem> items = new ArrayList<>();
    for (WalkParser.WalkerItemContext item : w.walkerItem()) {
      items.add(walkerItem(item));
    }
    return new Ast.WalkerDecl(w.REFINE() != null, name(w.name()), items, pos(w));
  }

  private Ast.WalkerItem walkerItem(WalkParser.WalkerItemContext item) {
    if (item instanceof WalkParser.InputsItemContext inputs) {
      List<TypedName> all = new ArrayList<>();
      inputs.typedNames().forEach(t -> all.addAll(typedNames(t)));
      return new Ast.Inputs(all);
    } else if (item instanceof WalkParser.FlagsItemContext flags) {
      return new Ast.Flags(names(flags.name()));
    } else if (item instanceof WalkParser.CallbacksItemContext callbacks) {
      List<CallbackSlot> slots = new ArrayList<>();
      for (WalkParser.CallbackSlotContext slot : callbacks.callbackSlot()) {
        slots.add(new CallbackSlot(name(slot.name()), slot.QUESTION() != null));
      }
      return new Ast.Callbacks(slots);
    } else if (item instanceof WalkParser.DropItemContext drop) {
      WalkParser.DropTargetContext target = drop.dropTarget();
      return target.FLAG() != null
          ? new Ast.DropFlag(name(target.name()), pos(drop))
          : new Ast.DropRule(name(target.name()), pos(drop));
    }
    return new Ast.RuleItem(rule(((WalkParser.RuleItemContext) item).walkRule()));
  }

  private Rule rule(WalkParser.WalkRuleContext r) {
    if (r instanceof WalkParser.GuardRuleContext g) {
      return new Rule.Guard(id(g.ruleId()), name(g.name()), expr(g.expr()), pos(g));
    } else if (r instanceof WalkParser.SectionRuleContext s) {
      Name section = expectWord(s.name(), "section", "srcu");
      return new Rule.Section(id(s.ruleId()), section, pos(s));
    } else if (r instanceof WalkParser.VisitRuleContext v) {
      if (v.visitTarget() instanceof WalkParser.SlotsTargetContext slots) {
        return new Rule.VisitSlots(
            id(v.ruleId()), expr(slots.expr(0)), expr(slots.expr(1)), pos(v));
      }
      if (v.visitTarget() instanceof WalkParser.BindingsTargetContext bindings) {
        return new Rule.VisitBindings(
            id(v.ruleId()), expr(bindings.expr(0)), expr(bindings.expr(1)), pos(v));
      }
      return new Rule.VisitAddressSpaces(id(v.ruleId()), pos(v));
    } else if (r instanceof WalkParser.ClipRuleContext c) {
      Name unit =
          expectOneOf(
              c.name(), "clip target", List.of(Rule.Clip.HVA, Rule.Clip.GFN, Rule.Clip.PGOFF));
      return new Rule.Clip(id(c.ruleId()), unit, pos(c));
    } else if (r instanceof WalkParser.GfnRuleContext g) {
      Rule.Rounding rounding = word(g.name(), "gfn rounding", Rule.Rounding.class);
      return new Rule.GfnRange(id(g.ruleId()), rounding, pos(g));
    } else if (r instanceof WalkParser.LockRuleContext l) {
      return lock(l);
    } else if (r instanceof WalkParser.NullHandlerRuleContext n) {
      return new Rule.NullHandler(id(n.ruleId()), nullPolicy(n.nullPolicy()), pos(n));
    } else if (r instanceof WalkParser.ResultRuleContext res) {
      Rule.Combinator combinator = word(res.name(1), "result combinator", Rule.Combinator.class);
      Optional<Expr> stop = Optional.ofNullable(res.expr()).map(this::expr);
      return new Rule.Result(
          id(res.ruleId()), name(res.name(0)), combinator, name(res.name(2)), stop, pos(res));
    } else if (r instanceof WalkParser.FlushRuleContext f) {
      Rule.Placement placement =
          f.placement().BEFORE() != null ? Rule.Placement.BEFORE : Rule.Placement.AFTER;
      return new Rule.Flush(id(f.ruleId()), expr(f.expr()), placement, pos(f));
    } else if (r instanceof WalkParser.UnlockRuleContext u) {
      Name lock = expectWord(u.name(), "lock", "mmu");
      return new Rule.Unlock(id(u.ruleId()), lock, expr(u.expr()), pos(u));
    } else if (r instanceof WalkParser.ReturnRuleContext ret) {
      return new Rule.Return(id(ret.ruleId()), names(ret.name()), pos(ret));
    }
    WalkParser.PassRuleContext pass = (WalkParser.PassRuleContext) r;
    return new Rule.Pass(id(pass.ruleId()), names(pass.name()), pos(pass));
  }

  private Rule.Lock lock(WalkParser.LockRuleContext l) {
    Name lock = expectWord(l.name(0), "lock", "mmu");
    WalkParser.LockModeContext m = l.lockMode();
    Expr mode = m.name() != null ? new Expr.Ref(m.name().getText(), pos(m.name())) : expr(m.expr());
    Rule.LockPoint point = word(l.name(1), "lock point", Rule.LockPoint.class);
    Optional<Expr> unless = Optional.ofNullable(l.expr()).map(this::expr);
    Optional<Name> then = l.THEN() != null ? Optional.of(name(l.name(2))) : Optional.empty();
    return new Rule.Lock(id(l.ruleId()), lock, mode, point, unless, then, pos(l));
  }

  private Rule.NullPolicy nullPolicy(WalkParser.NullPolicyContext p) {
    if (p.JUMP() != null) {
      return Rule.NullPolicy.JUMP_UNLOCK;
    }
    expectWord(p.name(), "loop to break", "slots");
    return Rule.NullPolicy.BREAK_SLOTS;
  }

  // ---- operations, profiles, obligations ----------------------------------------------------

  private Ast.OperationDecl operation(WalkParser.OperationDeclContext o) {
    List<Ast.OperationItem> items = new ArrayList<>();
    for (WalkParser.OperationItemContext item : o.operationItem()) {
      if (item instanceof WalkParser.AssignItemContext a) {
        items.add(new Ast.Assign(new Assignment(name(a.name()), expr(a.expr()))));
      } else if (item instanceof WalkParser.DropAssignItemContext d) {
        items.add(new Ast.DropAssign(name(d.name())));
      } else {
        items.add(new Ast.OperationDoc(doc(((WalkParser.DocItemContext) item).doc())));
      }
    }
    if (o.REFINE() != null) {
      return new Ast.OperationDecl(
          true, id(o.ruleId()), Optional.empty(), List.of(), Optional.empty(), items, pos(o));
    }
    List<TypedName> params = new ArrayList<>();
    o.typedNames().forEach(t -> params.addAll(typedNames(t)));
    return new Ast.OperationDecl(
        false,
        id(o.ruleId()),
        Optional.of(name(o.name(0))),
        params,
        Optional.of(name(o.name(1))),
        items,
        pos(o));
  }

  private Ast.ProfileDecl profile(WalkParser.ProfileDeclContext p) {
    List<Name> selects = new ArrayList<>();
    List<Name> unselects = new ArrayList<>();
    List<Assignment> properties = new ArrayList<>();
    StringBuilder doc = new StringBuilder();
    for (WalkParser.ProfileItemContext item : p.profileItem()) {
      if (item instanceof WalkParser.SelectsItemContext s) {
        selects.addAll(names(s.name()));
      } else if (item instanceof WalkParser.UnselectItemContext u) {
        unselects.add(name(u.name()));
      } else if (item instanceof WalkParser.PropertyItemContext prop) {
        properties.add(new Assignment(name(prop.name()), expr(prop.expr())));
      } else {
        doc.append(doc(((WalkParser.ProfileDocItemContext) item).doc()));
      }
    }
    Optional<Name> parent = p.EXTENDS() != null ? Optional.of(name(p.name(1))) : Optional.empty();
    Profile profile =
        new Profile(
            name(p.name(0)),
            p.ABSTRACT() != null,
            parent,
            selects,
            unselects,
            properties,
            doc.toString(),
            pos(p));
    return new Ast.ProfileDecl(p.REFINE() != null, profile);
  }

  private Ast.ObligationDecl obligation(WalkParser.ObligationDeclContext o) {
    List<Name> kinds = new ArrayList<>();
    List<Name> cites = new ArrayList<>();
    List<Name> target = null;
    Name label = null;
    for (ParseTree child : o.children) {
      if (child instanceof TerminalNode t) {
        int type = t.getSymbol().getType();
        target = type == WalkParser.FOR ? kinds : type == WalkParser.CITES ? cites : target;
      } else if (child instanceof WalkParser.NameContext n) {
        if (label == null) {
          label = name(n);
        } else if (target != null) {
          target.add(name(n));
        }
      } else if (child instanceof WalkParser.ExprContext) {
        target = null;
      }
    }
    Optional<Expr> when = Optional.ofNullable(o.expr()).map(this::expr);
    Obligation obligation =
        new Obligation(id(o.ruleId()), label, kinds, when, cites, doc(o.doc()), pos(o));
    return new Ast.ObligationDecl(o.REFINE() != null, obligation);
  }

  // ---- expressions -----------------------------------------------------------------------

  Expr expr(WalkParser.ExprContext e) {
    if (e instanceof WalkParser.ParenExprContext p) {
      return expr(p.expr());
    } else if (e instanceof WalkParser.UnaryExprContext u) {
      Expr.UnaryOp op = u.op.getType() == WalkParser.NOT ? Expr.UnaryOp.NOT : Expr.UnaryOp.NEGATE;
      return new Expr.Unary(op, expr(u.expr()), pos(u));
    } else if (e instanceof WalkParser.IntExprContext i) {
      return intLiteral(i.INT().getSymbol());
    } else if (e instanceof WalkParser.BoolExprContext b) {
      return new Expr.BoolLit(b.TRUE() != null, pos(b));
    } else if (e instanceof WalkParser.NameExprContext n) {
      return new Expr.Ref(n.getText(), pos(n));
    } else if (e instanceof WalkParser.ConditionalExprContext c) {
      return new Expr.Conditional(expr(c.expr(0)), expr(c.expr(1)), expr(c.expr(2)), pos(c));
    }
    return binary(e);
  }

  private Expr binary(WalkParser.ExprContext e) {
    WalkParser.ExprContext left = e.getRuleContext(WalkParser.ExprContext.class, 0);
    WalkParser.ExprContext right = e.getRuleContext(WalkParser.ExprContext.class, 1);
    Token op = ((TerminalNode) e.getChild(1)).getSymbol();
    return new Expr.Binary(Expr.BinaryOp.ofSymbol(op.getText()), expr(left), expr(right), pos(e));
  }

  private Expr intLiteral(Token token) {
    String text = token.getText();
    try {
      long value =
          text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
      return new Expr.IntLit(value, pos(token));
    } catch (NumberFormatException tooLarge) {
      diagnostics.report(DiagnosticCode.WS209, pos(token), text);
      return new Expr.IntLit(0, pos(token));
    }
  }

  // ---- small pieces ----------------------------------------------------------------------

  private List<TypedName> typedNames(WalkParser.TypedNamesContext t) {
    Name type = name(t.typeName().name());
    return t.name().stream().map(n -> new TypedName(name(n), type)).toList();
  }

  private List<Name> names(List<WalkParser.NameContext> names) {
    return names.stream().map(this::name).toList();
  }

  private Name id(WalkParser.RuleIdContext ctx) {
    return name(ctx.name());
  }

  private Name name(WalkParser.NameContext ctx) {
    return new Name(ctx.getText(), pos(ctx));
  }

  private Name expectWord(WalkParser.NameContext ctx, String what, String expected) {
    return expectOneOf(ctx, what, List.of(expected));
  }

  private Name expectOneOf(WalkParser.NameContext ctx, String what, List<String> expected) {
    Name name = name(ctx);
    if (!expected.contains(name.text())) {
      diagnostics.report(
          DiagnosticCode.WS107, name.pos(), name.text(), what, String.join(", ", expected));
    }
    return name;
  }

  /** A word from the closed set of an enum, written in lower case (first_hit, round_out). */
  private <E extends Enum<E>> E word(WalkParser.NameContext ctx, String what, Class<E> words) {
    E[] constants = words.getEnumConstants();
    for (E constant : constants) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(ctx.getText())) {
        return constant;
      }
    }
    List<String> expected = new ArrayList<>();
    for (E constant : constants) {
      expected.add(constant.name().toLowerCase(Locale.ROOT));
    }
    diagnostics.report(
        DiagnosticCode.WS107, pos(ctx), ctx.getText(), what, String.join(", ", expected));
    return constants[0];
  }

  private String doc(WalkParser.DocContext doc) {
    return doc == null ? "" : string(doc.STRING().getSymbol());
  }

  /** The value of a string literal: quotes removed, backslash escapes resolved. */
  static String string(Token token) {
    String raw = token.getText();
    String body = raw.substring(1, raw.length() - 1);
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char next = body.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The position of a token. Lines and columns come from the source file's own line index, not from
   * ANTLR's, which counts only LF as a line end and columns in code points: a file with CR line
   * ends or characters outside the BMP would otherwise get carets in the wrong place.
   */
  Pos pos(Token token) {
    int start = offset(token.getStartIndex());
    int end = offset(token.getStopIndex() + 1);
    return source.pos(start, end - start);
  }

  /** The position of a construct: its first token, as long as it stays on that line. */
  Pos pos(ParserRuleContext ctx) {
    Pos start = pos(ctx.getStart());
    Token stop = ctx.getStop();
    if (stop == null || stop.getStopIndex() < stop.getStartIndex()) {
      return start;
    }
    Pos last = pos(stop);
    if (last.line() != start.line() || last.column() < start.column()) {
      return start;
    }
    int length = last.column() + last.length() - start.column();
    return new Pos(file, start.line(), start.column(), length);
  }
}
