package dev.walkspec.diag;

import static dev.walkspec.diag.Severity.ERROR;
import static dev.walkspec.diag.Severity.WARNING;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Every diagnostic walkspec can report: a stable code, a severity, a message template ({@code %s}
 * placeholders) and one line of documentation. The table in docs/language.md is generated from this
 * enum and a test keeps the two in step. Codes are never reused: retire, do not renumber.
 *
 * <p>WS0xx: reading and syntax. WS1xx: names. WS2xx: types and values. WS3xx: walk semantics.
 */
@API(status = INTERNAL)
public enum DiagnosticCode {
  // ---- reading and syntax --------------------------------------------------------------
  WS001(ERROR, "syntax error: %s", "The text does not follow the grammar of the walk language."),
  WS002(ERROR, "unterminated string", "A string literal has no closing quote on its line."),
  WS003(ERROR, "unexpected %s", "A character that no token of the language can start."),
  WS004(
      ERROR, "unterminated comment", "A /* comment has no closing */ before the end of the file."),
  WS005(
      ERROR,
      "unknown keyword '%s'%s",
      "A word stands where a declaration or rule keyword belongs."),
  WS006(ERROR, "cannot read %s: %s", "The spec file does not exist or cannot be read."),
  WS007(
      ERROR,
      "%s is not a text file (%s)",
      "The file holds NUL bytes or is not valid UTF-8, so it cannot be a spec."),
  WS008(
      ERROR,
      "empty spec: %s declares nothing",
      "A spec file must import or declare at least one thing; an empty file is a mistake."),
  WS009(ERROR, "import \"%s\" not found (looked in %s)", "An imported file does not exist."),
  WS010(ERROR, "import cycle: %s", "Files import each other in a circle."),
  WS011(
      ERROR,
      "nested too deeply (more than %s levels)",
      "An expression or block nests deeper than the checker follows; so does a chain of imports,"
          + " of profiles extending each other, or of options reading each other."),

  // ---- names ---------------------------------------------------------------------------
  WS101(ERROR, "unknown %s '%s'%s", "A name that no declaration in scope defines."),
  WS102(
      ERROR,
      "duplicate %s '%s' (first declared at %s)",
      "Two declarations of the same kind share a name; use `refine` to change an imported one."),
  WS103(
      ERROR,
      "cannot refine %s '%s': it is not declared in this file or its imports",
      "`refine` names something that does not exist yet."),
  WS104(
      ERROR,
      "rule %s is a %s rule; it cannot be replaced by a %s rule",
      "A refinement reuses a rule id for a rule of another kind."),
  WS105(
      ERROR,
      "walker '%s' already has a %s rule (%s); refine it by reusing that id",
      "A walker may have only one rule of this kind."),
  WS106(
      ERROR,
      "walker '%s' has no %s rule",
      "A walker lacks a rule the walk cannot do without (its loops, clip, gfn range for an hva"
          + " walk, result, return for an hva walk)."),
  WS107(
      ERROR,
      "'%s' is not a %s; expected one of: %s",
      "A word from a closed set (rounding, lock point, combinator, property) is not in the set."),
  WS108(
      ERROR,
      "obligation %s cites unknown rule '%s'",
      "An obligation names a rule id that the walker does not have."),
  WS109(ERROR, "operation %s sets '%s' twice", "An operation assigns the same input twice."),
  WS110(
      ERROR,
      "operation %s does not bind walker input '%s'",
      "A walker input is neither assigned by the operation nor one of its parameters."),
  WS111(ERROR, "profile inheritance cycle: %s", "Profiles extend each other in a circle."),
  WS112(
      ERROR,
      "cannot drop %s: %s",
      "A `drop` names something that is not there or that the walk cannot do without."),
  WS113(
      ERROR,
      "walker '%s' must declare the input '%s: %s' (the range that W4 selects and W5 clips)",
      "The walk is over a range [start, end); both bounds are inputs of the unit its clip rule"
          + " names (hva for the MMU-notifier walk, gfn, or pgoff for a guest_memfd file)."),
  WS114(
      ERROR,
      "walker '%s' visits both memslots (%s) and guest_memfd bindings (%s); a walk has one of the"
          + " two loop structures",
      "A walk either loops over address spaces and their slots (W3, W4) or over the bindings of"
          + " a guest_memfd file (G1)."),

  // ---- types and values ----------------------------------------------------------------
  WS201(ERROR, "expected %s but %s is %s", "An expression has the wrong type for where it stands."),
  WS202(
      ERROR,
      "operator '%s' cannot take %s",
      "An operator is applied to operands of the wrong type."),
  WS203(
      ERROR,
      "config option %s has no type",
      "Every Kconfig option states its type (bool or int), as Kconfig does."),
  WS204(ERROR, "unknown type '%s'; expected one of: %s", "A type name the language does not know."),
  WS205(
      ERROR,
      "%s combines results with %s, which needs %s results, but handler kind %s returns %s",
      "The result rule and the handler kinds the operations pass disagree on the result type."),
  WS206(
      ERROR,
      "'%s' of operation %s must be a compile-time value or `param`, but it reads %s",
      "Operation flags are fixed by Kconfig values or left to the caller with `param`."),
  WS207(
      ERROR,
      "%s must be between 1 and 64, but profile %s gives %s",
      "A profile property is out of range."),
  WS208(
      ERROR,
      "lock mode %s does not exist on a %s (profile %s)",
      "A lock mode that the profile's MMU lock cannot provide (spin on an rwlock)."),
  WS209(ERROR, "integer literal %s is out of range", "An integer literal does not fit in 64 bits."),
  WS210(
      ERROR,
      "profile %s maps guest memory through no page tables: tdp_mmu and shadow_mmu are both false",
      "A VM of an arch maps its memory through the TDP MMU (stage-2 tables), shadow pages, or"
          + " both; a profile must allow at least one."),

  // ---- walk semantics ------------------------------------------------------------------
  WS301(
      WARNING,
      "flag '%s' is used but never set by any operation",
      "A walker flag that every operation leaves false: the rules that read it are dead."),
  WS302(
      ERROR,
      "lock %s can be acquired but is not released by %s when %s",
      "On some path the MMU lock is taken and never unlocked."),
  WS303(
      ERROR,
      "%s releases the lock without it being held when %s",
      "On some path the unlock rule fires although the lock rule took nothing."),
  WS304(
      ERROR,
      "on_lock callback '%s' can be set in a walk that takes no lock (%s) and no guard rejects it,"
          + " so it would silently not run",
      "A lockless walk with an on_lock callback must be rejected by a guard (see W1c)."),
  WS305(
      WARNING,
      "rule %s can never apply: %s",
      "A rule made unreachable by the guards or rules before it."),
  WS306(
      ERROR,
      "profile %s selects %s, but it depends on %s, which is false there",
      "A selected Kconfig option whose dependency does not hold."),
  WS307(ERROR, "config dependency cycle: %s", "Kconfig options depend on each other in a circle."),
  WS308(
      ERROR,
      "the handler can be null but no null_handler rule says what the walk does then",
      "An optional handler needs a null_handler rule (W8)."),
  WS309(
      WARNING,
      "operation %s always stops at guard %s on profile %s",
      "An operation whose fixed flags trip a W1 guard on every call."),
  WS310(
      ERROR,
      "handler '%s' is not a handler kind; expected one of: %s",
      "An operation's handler is not a declared handler kind (or null)."),
  WS311(
      ERROR,
      "on_lock '%s' is not a callback; expected one of: %s",
      "An operation's on_lock is not a declared callback (or null)."),
  WS312(
      WARNING,
      "too many independent conditions (%s) to check %s exhaustively; check skipped",
      "A path check gave up because the walker reads too many independent conditions."),
  WS314(
      ERROR,
      "%s: %s is only meaningful with a lock rule",
      "A rule refers to the lock, but the walker takes no lock.");

  private final Severity severity;
  private final String template;
  private final String documentation;

  DiagnosticCode(Severity severity, String template, String documentation) {
    this.severity = severity;
    this.template = template;
    this.documentation = documentation;
  }

  public Severity severity() {
    return severity;
  }

  public String template() {
    return template;
  }

  public String documentation() {
    return documentation;
  }

  /** The message for these arguments; the number of arguments must match the template. */
  public String format(Object... args) {
    return String.format(Locale.ROOT, template, args);
  }
}
