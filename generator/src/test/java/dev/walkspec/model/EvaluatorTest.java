package dev.walkspec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.diag.Pos;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluator's three-valued logic: a name the environment does not know is "unknown" (null), and
 * unknown propagates unless the known operand decides ({@code false && x}, {@code true || x}).
 */
class EvaluatorTest {
  private static final Pos AT = Pos.startOf("t.walk");

  /** t and f are known; u is not; n = 7 and m = -2 are ints; the rest is unknown too. */
  private static final Evaluator EVAL =
      new Evaluator(
          Map.of("t", Value.of(true), "f", Value.of(false), "n", Value.of(7), "m", Value.of(-2))
              ::get);

  private static Expr ref(String name) {
    return new Expr.Ref(name, AT);
  }

  private static Expr lit(long value) {
    return new Expr.IntLit(value, AT);
  }

  private static Expr not(Expr e) {
    return new Expr.Unary(Expr.UnaryOp.NOT, e, AT);
  }

  private static Expr bin(String op, Expr left, Expr right) {
    return new Expr.Binary(Expr.BinaryOp.ofSymbol(op), left, right, AT);
  }

  private static Expr cond(Expr c, Expr then, Expr otherwise) {
    return new Expr.Conditional(c, then, otherwise, AT);
  }

  /** "t", "f" or "u" (unknown), as the evaluator gives it. */
  private static String show(Value v) {
    return v == null ? "u" : v.asBool() ? "t" : "f";
  }

  @ParameterizedTest(name = "{0} && {1} = {2}")
  @CsvSource({
    "t, t, t", "t, f, f", "t, u, u",
    "f, t, f", "f, f, f", "f, u, f",
    "u, t, u", "u, f, f", "u, u, u",
  })
  void and(String left, String right, String expected) {
    assertThat(show(EVAL.eval(bin("&&", ref(left), ref(right))))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} || {1} = {2}")
  @CsvSource({
    "t, t, t", "t, f, t", "t, u, t",
    "f, t, t", "f, f, f", "f, u, u",
    "u, t, t", "u, f, u", "u, u, u",
  })
  void or(String left, String right, String expected) {
    assertThat(show(EVAL.eval(bin("||", ref(left), ref(right))))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "!{0} = {1}")
  @CsvSource({"t, f", "f, t", "u, u"})
  void not(String operand, String expected) {
    assertThat(show(EVAL.eval(not(ref(operand))))).isEqualTo(expected);
  }

  @Test
  void theDecidingOperandIsNotEvenEvaluated() {
    Evaluator strict =
        new Evaluator(
            name -> {
              if (name.equals("boom")) {
                throw new AssertionError("evaluated the right operand");
              }
              return name.equals("f") ? Value.of(false) : Value.of(true);
            });

    assertThat(strict.eval(bin("&&", ref("f"), ref("boom")))).isEqualTo(Value.of(false));
    assertThat(strict.eval(bin("||", ref("t"), ref("boom")))).isEqualTo(Value.of(true));
  }

  @Test
  void conditionalWithAnUnknownConditionIsKnownOnlyWhenBothBranchesAgree() {
    assertThat(EVAL.eval(cond(ref("u"), lit(1), lit(1)))).isEqualTo(Value.of(1));
    assertThat(EVAL.eval(cond(ref("u"), lit(1), lit(2)))).isNull();
    assertThat(EVAL.eval(cond(ref("u"), ref("u"), ref("u")))).isNull();
    assertThat(EVAL.eval(cond(ref("t"), lit(1), ref("u")))).isEqualTo(Value.of(1));
    assertThat(EVAL.eval(cond(ref("f"), ref("u"), lit(2)))).isEqualTo(Value.of(2));
  }

  @Test
  void arithmeticAndComparisons() {
    assertThat(EVAL.eval(bin("+", ref("n"), lit(1)))).isEqualTo(Value.of(8));
    assertThat(EVAL.eval(bin("-", ref("m"), ref("n")))).isEqualTo(Value.of(-9));
    assertThat(EVAL.eval(new Expr.Unary(Expr.UnaryOp.NEGATE, ref("m"), AT))).isEqualTo(Value.of(2));
    assertThat(EVAL.eval(bin("<", ref("m"), lit(0)))).isEqualTo(Value.of(true));
    assertThat(EVAL.eval(bin("<=", ref("n"), lit(7)))).isEqualTo(Value.of(true));
    assertThat(EVAL.eval(bin(">", ref("n"), lit(7)))).isEqualTo(Value.of(false));
    assertThat(EVAL.eval(bin(">=", ref("n"), lit(8)))).isEqualTo(Value.of(false));
    assertThat(EVAL.eval(bin("==", ref("n"), lit(7)))).isEqualTo(Value.of(true));
    assertThat(EVAL.eval(bin("!=", ref("t"), ref("f")))).isEqualTo(Value.of(true));
  }

  @Test
  void anUnknownOperandMakesArithmeticAndComparisonsUnknown() {
    assertThat(EVAL.eval(bin("+", ref("u"), lit(1)))).isNull();
    assertThat(EVAL.eval(bin("<", lit(1), ref("u")))).isNull();
    assertThat(EVAL.eval(bin("==", ref("u"), ref("t")))).isNull();
    assertThat(EVAL.eval(new Expr.Unary(Expr.UnaryOp.NEGATE, ref("u"), AT))).isNull();
  }

  @Test
  void integersAreSigned64Bit() {
    Expr max = lit(Long.MAX_VALUE);

    assertThat(EVAL.eval(bin("+", max, lit(1)))).isEqualTo(Value.of(Long.MIN_VALUE));
    assertThat(EVAL.eval(bin("<", bin("+", max, lit(1)), lit(0)))).isEqualTo(Value.of(true));
  }

  @Test
  void lockModesAndKindsAreConstantsUnlessTheEnvironmentSaysOtherwise() {
    assertThat(EVAL.eval(ref("write"))).isEqualTo(Constants.WRITE);
    assertThat(EVAL.eval(bin("==", ref("rwlock"), ref("spinlock")))).isEqualTo(Value.of(false));
    assertThat(EVAL.eval(cond(ref("t"), ref("read"), ref("write")))).isEqualTo(Constants.READ);
    Evaluator shadowing = new Evaluator(Map.of("read", Value.of(true))::get);
    assertThat(shadowing.eval(ref("read"))).isEqualTo(Value.of(true));
  }

  @Test
  void isTrueRefusesUnknown() {
    assertThat(EVAL.isTrue(bin("&&", ref("f"), ref("u")))).isFalse();
    assertThatThrownBy(() -> EVAL.isTrue(bin("&&", ref("t"), ref("u"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t && u")
        .hasMessageContaining("not known");
  }

  /** Three truth values for properties: true, false, unknown. */
  enum Tri {
    T,
    F,
    U;

    Expr expr() {
      return ref(name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Property
  void andAndOrAreCommutative(@ForAll Tri a, @ForAll Tri b) {
    assertThat(EVAL.eval(bin("&&", a.expr(), b.expr())))
        .isEqualTo(EVAL.eval(bin("&&", b.expr(), a.expr())));
    assertThat(EVAL.eval(bin("||", a.expr(), b.expr())))
        .isEqualTo(EVAL.eval(bin("||", b.expr(), a.expr())));
  }

  @Property
  void deMorganHoldsWithUnknowns(@ForAll Tri a, @ForAll Tri b) {
    assertThat(EVAL.eval(not(bin("&&", a.expr(), b.expr()))))
        .isEqualTo(EVAL.eval(bin("||", not(a.expr()), not(b.expr()))));
    assertThat(EVAL.eval(not(bin("||", a.expr(), b.expr()))))
        .isEqualTo(EVAL.eval(bin("&&", not(a.expr()), not(b.expr()))));
  }

  @Property
  void knowingMoreNeverChangesAKnownResult(@ForAll Tri a, @ForAll Tri b, @ForAll boolean u) {
    // Replacing unknown by a value may turn an unknown result into a known one, never a known
    // result into another: the partial evaluation used for compile-time folding is sound.
    Evaluator more =
        new Evaluator(
            Map.of(
                    "t", Value.of(true),
                    "f", Value.of(false),
                    "u", Value.of(u))
                ::get);
    for (String op : new String[] {"&&", "||"}) {
      Value partial = EVAL.eval(bin(op, a.expr(), b.expr()));
      Value full = more.eval(bin(op, a.expr(), b.expr()));
      if (partial != null) {
        assertThat(full).isEqualTo(partial);
      }
    }
  }
}
