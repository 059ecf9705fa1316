package dev.walkspec.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EstimateTest {
  @Test
  void medianMeanAndTheConfidenceHalfWidthOfTheMean() {
    Estimate e = Estimate.of(1, 2, 3, 4, 100);
    assertThat(e.median()).isEqualTo(3);
    assertThat(e.mean()).isEqualTo(22);
    assertThat(e.error()).isGreaterThan(0);
    assertThat(e.samples()).isEqualTo(5);
  }

  @Test
  void oneSampleHasNoError() {
    Estimate e = Estimate.of(7);
    assertThat(e.error()).isNaN();
    assertThat(e.text()).isEqualTo("7.00");
  }

  @Test
  void ratiosDivideMediansAndCombineRelativeErrors() {
    Estimate a = new Estimate(30, 30, 3, 5);
    Estimate b = new Estimate(10, 10, 1, 5);
    Estimate r = a.over(b);
    assertThat(r.median()).isEqualTo(3);
    assertThat(r.error()).isCloseTo(3 * Math.hypot(0.1, 0.1), within(1e-12));
    assertThat(r.ratioText()).isEqualTo("3.00x ± 0.424");
  }

  @Test
  void numbersHaveThreeSignificantDigits() {
    assertThat(Estimate.number(12345.6)).isEqualTo("12,346");
    assertThat(Estimate.number(123.4)).isEqualTo("123");
    assertThat(Estimate.number(12.34)).isEqualTo("12.3");
    assertThat(Estimate.number(1.234)).isEqualTo("1.23");
    assertThat(Estimate.number(0.1234)).isEqualTo("0.123");
    assertThat(Estimate.number(0.001234)).isEqualTo("1.23e-03");
    assertThat(Estimate.number(Double.NaN)).isEqualTo("n/a");
  }
}
